using System.Diagnostics;

namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>This process's CPU time over wall time (monotonic) between <see cref="Start"/> and <see cref="PercentOfOneCore"/>. Not thread-safe.</summary>
internal sealed class CpuMeter
{
    private TimeSpan _cpu;
    private long _wall;

    public static CpuMeter Start()
    {
        var meter = new CpuMeter();
        meter._cpu = Process.GetCurrentProcess().TotalProcessorTime;
        meter._wall = Stopwatch.GetTimestamp();
        return meter;
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_wall);

    /// <summary>CPU used since start, in % of one core (200 % = both cores of a 2-core machine busy).</summary>
    public double PercentOfOneCore()
    {
        var wall = Stopwatch.GetElapsedTime(_wall);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpu;
        return 100 * cpu / wall;
    }
}
