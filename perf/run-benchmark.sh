#!/usr/bin/env bash
# End-to-end benchmark: mosquitto + `scsim lane` + the gateway (Release) as separate processes; prints the table.
#   perf/run-benchmark.sh [--seconds 60] [--belt-speed 5] [--line-rate 500] [--fps 25] [--find-knee] [--json FILE] ...
# All options: perf/run-benchmark.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
source perf/build-release.sh
exec dotnet perf/SmartCustoms.Perf/bin/Release/net10.0/SmartCustoms.Perf.dll bench "$@"
