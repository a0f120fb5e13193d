// The drivers' benchmark table: NIR spectra/s over TCP against the NIR simulator, MJPEG frames/s at 1280x720 (decode
// included), Modbus round trip against the belt-scale simulator, and the CPU each used (process CPU time / wall).
// The simulators run in a child process (this program with "serve"), so the CPU figures are the driver's alone.
// Run: dotnet run -c Release --project drivers/SmartCustoms.Drivers.Benchmarks [-- --seconds 10]
using System.Globalization;
using SmartCustoms.Drivers.Benchmarks;

if (args.Length > 0 && args[0] == "serve")
{
    return await DeviceServers.ServeAsync(args[1..]);
}

var seconds = 10.0;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--seconds" && i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
    {
        seconds = s;
        i++;
    }
    else
    {
        await Console.Error.WriteLineAsync("usage: SmartCustoms.Drivers.Benchmarks [--seconds N]   (N seconds per row, default 10)");
        return 2;
    }
}

var duration = TimeSpan.FromSeconds(seconds);
var rows = new List<BenchmarkRow>();

// The NIR simulator acquires at the lane's line rate (500 Hz); at its 10 kHz maximum the driver's own limit shows.
foreach (var rate in new[] { 500, 10_000 })
{
    await using var servers = await ServerProcess.StartAsync(rate);
    rows.Add(await NirBenchmark.RunAsync(servers.Nir, rate, burst: 50, duration));
}

{
    await using var servers = await ServerProcess.StartAsync(nirRateHz: 500);
    rows.Add(await MjpegBenchmark.RunAsync(servers.Camera, decode: true, duration));
    rows.Add(await MjpegBenchmark.RunAsync(servers.Camera, decode: false, duration));
    rows.Add(await ModbusBenchmark.RunAsync(servers.Scale, duration));
}

ResultTable.Print(rows, duration);
return 0;
