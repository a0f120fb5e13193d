using SmartCustoms.Perf.Processes;

namespace SmartCustoms.Perf.Reporting;

/// <summary>CPU over a window and peak memory of one process, from /proc.</summary>
internal sealed record ProcessUsage(string Name, double CpuPercentOfOneCore, long? PeakRssBytes)
{
    /// <summary>Start of a CPU measurement window.</summary>
    public sealed class Window(string name, int? pid)
    {
        private readonly TimeSpan? _cpu0 = pid is { } p ? ProcStat.CpuTime(p) : null;
        private readonly long _wall0 = System.Diagnostics.Stopwatch.GetTimestamp();

        public ProcessUsage Stop()
        {
            var wall = System.Diagnostics.Stopwatch.GetElapsedTime(_wall0);
            var cpu1 = pid is { } p ? ProcStat.CpuTime(p) : null;
            var percent = _cpu0 is { } a && cpu1 is { } b ? (b - a).TotalSeconds / wall.TotalSeconds * 100 : double.NaN;
            return new ProcessUsage(name, percent, pid is { } q ? ProcStat.PeakRssBytes(q) : null);
        }
    }
}
