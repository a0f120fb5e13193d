#!/usr/bin/env bash
# Fault soak: `faults` scenario + device disconnects + mosquitto restarts + gateway SIGKILLs, then the delivery check.
#   perf/run-soak.sh [--minutes 10 | --seconds N] [--seed 7] [--json FILE]
# Exit code 0 = nothing lost or reordered and every device recovered.
set -euo pipefail
cd "$(dirname "$0")/.."
source perf/build-release.sh
exec dotnet perf/SmartCustoms.Perf/bin/Release/net10.0/SmartCustoms.Perf.dll soak "$@"
