using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>Spectra per second through <see cref="ScpiSpectrometer"/> (FETC:BURS?, block parse, spectra built) over TCP.</summary>
internal static class NirBenchmark
{
    public static async Task<BenchmarkRow> RunAsync(IPEndPoint simulator, int lineRateHz, int burst, TimeSpan duration)
    {
        var host = simulator.Address.ToString();
        var options = new SpectrometerOptions { Host = host, Port = simulator.Port, BurstSize = burst, ReplyTimeout = TimeSpan.FromSeconds(5) };
        var connections = new TcpScpiConnectionFactory(host, simulator.Port, options.ConnectTimeout, TimeProvider.System);
        await using var spectrometer = new ScpiSpectrometer(connections, options, TimeProvider.System, NullLogger<ScpiSpectrometer>.Instance);

        // Warm up: connect, JIT, pools, and the simulator's ring buffer filled.
        var warmUp = CpuMeter.Start();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            await spectrometer.ReadBurstAsync(burst, CancellationToken.None);
        }

        var missingBefore = spectrometer.Metrics.MissingSpectra;
        var meter = CpuMeter.Start();
        long spectra = 0;
        var pixels = 0;
        while (meter.Elapsed < duration)
        {
            var result = await spectrometer.ReadBurstAsync(burst, CancellationToken.None);
            spectra += result.Count;
            pixels = result[0].Counts.Length;
        }

        var cpu = meter.PercentOfOneCore();
        var rate = spectra / meter.Elapsed.TotalSeconds;
        var missing = spectrometer.Metrics.MissingSpectra - missingBefore;
        return new BenchmarkRow(
            string.Create(CultureInfo.InvariantCulture, $"NIR over TCP, simulator at {lineRateHz:N0} Hz, burst {burst}"),
            string.Create(CultureInfo.InvariantCulture, $"{rate:N0} spectra/s"),
            string.Create(CultureInfo.InvariantCulture, $"{1000.0 * burst / rate:0.0} ms/burst"),
            cpu,
            string.Create(CultureInfo.InvariantCulture, $"{pixels} px, {missing} missed (sequence gaps)"));
    }
}
