# Sourced by perf/run-*.sh: builds the gateway, scsim and the perf tool in Release (quietly) unless SC_PERF_NO_BUILD=1.
if [ "${SC_PERF_NO_BUILD:-0}" != "1" ]; then
  for project in edge/SmartCustoms.Edge simulators/SmartCustoms.Simulators.Cli perf/SmartCustoms.Perf; do
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  done
fi
