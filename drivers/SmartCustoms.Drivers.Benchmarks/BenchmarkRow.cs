namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>One line of the table: what was measured, its rate, its latency where it has one, and the driver's CPU.</summary>
/// <param name="CpuPercentOfOneCore">Process CPU time over wall time, in % of one core (the simulators run in another process).</param>
internal sealed record BenchmarkRow(string What, string Rate, string Latency, double CpuPercentOfOneCore, string Notes);
