#!/usr/bin/env bash
# Starts the gateway from the repository (Release build). Example: edge/run.sh --simulate
# Installs the native prerequisites when run as root, or prints the apt line to run.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/dev/prerequisites.sh
ensure_packages run
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project edge/SmartCustoms.Edge -c Release -- "$@"
