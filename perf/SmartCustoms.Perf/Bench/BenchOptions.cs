using SmartCustoms.Perf.Processes;

namespace SmartCustoms.Perf.Bench;

/// <summary>Settings of <c>perf bench</c> (command line: see <see cref="Program"/>'s usage).</summary>
internal sealed class BenchOptions
{
    public double Seconds { get; set; } = 60;

    public double WarmupSeconds { get; set; } = 10;

    public LaneLoad Load { get; set; } = LaneLoad.Contract;

    public int Seed { get; set; } = 1;

    public string Scenario { get; set; } = "contaminated";

    /// <summary>Contaminant items per km of belt (null = the scenario's rate; contaminated = 100). More items, more detections to time.</summary>
    public double? ItemsPerKm { get; set; }

    public bool FindKnee { get; set; }

    /// <summary>Knee search raises only the NIR line rate (belt and camera stay at the base load; frame limits are not checked).</summary>
    public bool KneeNirOnly { get; set; }

    /// <summary>
    /// <c>--spectral-ceiling</c>: the spectral path's own limit. The NIR is the simulator's throughput test source, the
    /// camera is off, the line rate rises in steps of the bare spectral inference rate measured first (same run, same
    /// cores) until the gateway falls behind; bare is measured again at the end.
    /// </summary>
    public bool SpectralCeiling { get; set; }

    /// <summary>Knee limits: decision latency p99, ms.</summary>
    public double MaxP99Ms { get; set; } = 100;

    /// <summary>Knee limits: spectra or frames dropped, % of those offered.</summary>
    public double MaxDropPercent { get; set; } = 1;

    public double BareSeconds { get; set; } = 10;

    public bool SkipBare { get; set; }

    public string GatewayDll { get; set; } = PerfPaths.GatewayDll;

    public string ScsimDll { get; set; } = PerfPaths.ScsimDll;

    public string Mosquitto { get; set; } = "/usr/sbin/mosquitto";

    public string? JsonPath { get; set; }

    /// <summary>Extra gateway settings (<c>--gateway-arg --Key=value</c>, repeatable).</summary>
    public List<string> GatewayArgs { get; } = [];
}
