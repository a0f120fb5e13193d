#!/usr/bin/env bash
# Component benchmarks: BenchmarkDotNet (perf/SmartCustoms.Perf: SCPI burst parse, Modbus round trip, JPEG decode,
# spectral preprocessing + inference, store commit, MQTT publish), then the model's own throughput table
# and visual detector tables (models/SmartCustoms.Models.Benchmarks) and the drivers bench (drivers/SmartCustoms.Drivers.Benchmarks).
#   perf/run-components.sh [BenchmarkDotNet arguments, default: --filter '*']
set -euo pipefail
cd "$(dirname "$0")/.."
source perf/build-release.sh
# Reports (markdown, csv, html) go to artifacts/perf/components/results.
if [ $# -eq 0 ]; then set -- --filter '*'; fi
dotnet perf/SmartCustoms.Perf/bin/Release/net10.0/SmartCustoms.Perf.dll components --artifacts artifacts/perf/components "$@"
mkdir -p artifacts/perf
echo
echo "== models/SmartCustoms.Models.Benchmarks: spectral classifier, then visual detector (JSON to artifacts/perf/) =="
dotnet run -c Release --project models/SmartCustoms.Models.Benchmarks -- --seconds 3 --out artifacts/perf/spectral-classifier.benchmark.json
dotnet run -c Release --project models/SmartCustoms.Models.Benchmarks -- visual --seconds 5 --out artifacts/perf/visual-detector.benchmark.json
if [ -f drivers/SmartCustoms.Drivers.Benchmarks/SmartCustoms.Drivers.Benchmarks.csproj ]; then
  echo
  echo "== drivers/SmartCustoms.Drivers.Benchmarks: NIR, Modbus and MJPEG drivers against their simulators =="
  dotnet run -c Release --project drivers/SmartCustoms.Drivers.Benchmarks -- --seconds 5
fi
