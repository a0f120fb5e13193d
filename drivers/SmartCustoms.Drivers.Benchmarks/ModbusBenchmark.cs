using System.Diagnostics;
using System.Globalization;
using System.Net;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>Round trips of <see cref="ModbusTcpClient"/> (FC04, the belt scale's 7 input registers) against the belt-scale simulator, one outstanding at a time.</summary>
internal static class ModbusBenchmark
{
    public static async Task<BenchmarkRow> RunAsync(IPEndPoint simulator, TimeSpan duration)
    {
        await using var client = new ModbusTcpClient(
            new ModbusTcpClientOptions("scale", simulator.Address.ToString(), simulator.Port, 1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)),
            TimeProvider.System);
        for (var i = 0; i < 500; i++)
        {
            await client.ReadInputRegistersAsync(0, 7, CancellationToken.None);
        }

        var samples = new List<double>(200_000);
        var meter = CpuMeter.Start();
        while (meter.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            await client.ReadInputRegistersAsync(0, 7, CancellationToken.None);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        var cpu = meter.PercentOfOneCore();
        var rate = samples.Count / meter.Elapsed.TotalSeconds;
        samples.Sort();
        double Percentile(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
        return new BenchmarkRow(
            "Modbus TCP round trip, FC04 x7 registers (belt scale simulator)",
            string.Create(CultureInfo.InvariantCulture, $"{rate:N0} requests/s"),
            string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(0.50):0} µs, p99 {Percentile(0.99):0} µs"),
            cpu,
            string.Create(CultureInfo.InvariantCulture, $"{samples.Count:N0} requests, max {samples[^1]:0} µs, timeouts {client.Timeouts}"));
    }
}
