using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace NirProbe;

/// <summary>Spectra per second parsed through the driver; prints a table.</summary>
internal static class ThroughputRun
{
    public static async Task<int> RunAsync(double seconds, string? host, int port)
    {
        FakeNirServer? server = null;
        if (host is null)
        {
            server = new FakeNirServer(PrebuiltBursts());
            server.Start();
            host = "127.0.0.1";
            port = server.Port;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"NIR driver throughput over TCP {host}:{port}, {seconds} s per row, {Environment.ProcessorCount} cores"));
        Console.WriteLine("| burst | spectra/s | bursts/s | MB/s | alloc/spectrum (B, whole process) | gen0 GCs |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var burst in new[] { 1, 10, 50, 200 })
        {
            var options = new SpectrometerOptions { Host = host, Port = port, BurstSize = burst, ReplyTimeout = TimeSpan.FromSeconds(5) };
            var connections = new TcpScpiConnectionFactory(host, port, options.ConnectTimeout, TimeProvider.System);
            await using var spectrometer = new ScpiSpectrometer(connections, options, TimeProvider.System, NullLogger<ScpiSpectrometer>.Instance);
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(0.5))
            {
                await spectrometer.ReadBurstAsync(burst, CancellationToken.None);
            }

            var gc0 = GC.CollectionCount(0);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            long spectra = 0, bursts = 0, pixels = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var result = await spectrometer.ReadBurstAsync(burst, CancellationToken.None);
                spectra += result.Count;
                pixels = result[0].Counts.Length;
                bursts++;
            }

            clock.Stop();
            var elapsed = clock.Elapsed.TotalSeconds;
            var allocPerSpectrum = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)spectra;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {burst} | {spectra / elapsed:N0} | {bursts / elapsed:N0} | {spectra * (20 + (4 * pixels)) / elapsed / 1e6:N1} | {allocPerSpectrum:N0} | {GC.CollectionCount(0) - gc0} |"));
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        return 0;
    }

    /// <summary>The in-test instrument with bursts encoded once, so the figure measures the driver, not the server.</summary>
    private static FakeNirInstrument PrebuiltBursts()
    {
        var instrument = new FakeNirInstrument(pixels: 256);
        var cache = new Dictionary<string, byte[]>();
        instrument.Override = line =>
        {
            if (!line.StartsWith("FETC:BURS?", StringComparison.Ordinal))
            {
                return null;
            }

            lock (cache)
            {
                if (!cache.TryGetValue(line, out var bytes))
                {
                    var count = int.Parse(line[11..], CultureInfo.InvariantCulture);
                    var records = Enumerable.Range(1, count).SelectMany(i =>
                        Wire.SpectrumRecord((ulong)i, i * 2000L, 25f, Enumerable.Range(0, 256).Select(p => 1000f + p).ToArray()));
                    cache[line] = bytes = Wire.Block([.. records]);
                }

                return bytes;
            }
        };
        return instrument;
    }
}
