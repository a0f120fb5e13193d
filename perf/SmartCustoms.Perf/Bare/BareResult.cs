namespace SmartCustoms.Perf.Bare;

/// <summary>A part's limit measured alone: items per second and the CPU it took (% of one core).</summary>
internal sealed record BareResult(string What, double PerSecond, string Unit, double CpuPercentOfOneCore, string Detail);
