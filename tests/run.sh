#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real sockets, real mosquitto) and end-to-end tests.
# Installs what a fresh Debian 12 machine lacks when run as root, or prints the exact apt line to run.
# Ends with one line "N passed, N failed[, N skipped]" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

source "$ROOT/deploy/dev/prerequisites.sh"
ensure_packages test || exit 1

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== building (Release)"
if ! dotnet build SmartCustoms.Edge.sln -c Release -v quiet -nologo; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== testing"
dotnet test SmartCustoms.Edge.sln -c Release --no-build -v quiet --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" "$@" \
  | tee "$RESULTS/console.log" | grep -E "^\s*(Passed|Failed|Skipped) |^(Passed|Failed)!|error|Error Message" || true
TEST_EXIT=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0; files=0
for trx in "$RESULTS"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done

if [ "$TEST_EXIT" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed leaves no counts behind; it is still a failure.
  failed=1
fi
if [ "$files" -eq 0 ]; then
  echo "no test results were written"
  failed=$((failed + 1))
fi

if [ "$failed" -gt 0 ] || [ "$TEST_EXIT" -ne 0 ]; then
  # Repeat every failure with its message at the end, where a CI log's tail shows it.
  echo "== failures"
  for trx in "$RESULTS"/*.trx; do
    [ -e "$trx" ] || continue
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.*testName="\([^"]*\)".*/FAILED: \1/p'
  done
  grep -E -A 24 "^\s*Failed [A-Za-z]" "$RESULTS/console.log" | grep -v -E "^\s*at |^\s*Passed " | head -120
  grep -E -i "test host (process )?crashed|aborted|Test Run Aborted" "$RESULTS/console.log" | head -10
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$TEST_EXIT" -eq 0 ]
