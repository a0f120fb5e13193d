namespace SmartCustoms.Perf.Soak;

/// <summary>Settings of <c>perf soak</c>.</summary>
internal sealed class SoakOptions
{
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);

    public int Seed { get; set; } = 7;

    public string GatewayDll { get; set; } = PerfPaths.GatewayDll;

    public string ScsimDll { get; set; } = PerfPaths.ScsimDll;

    public string Mosquitto { get; set; } = "/usr/sbin/mosquitto";

    public string? JsonPath { get; set; }
}
