using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Cli;

/// <summary>
/// <c>scsim bench</c>: how many spectra/s and frames/s the simulators sustain on this machine and what
/// CPU they take (process CPU time / wall time, 100 % = one core), so the share left for the gateway
/// shows. The clients run in the same process, so their (small) cost is included.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Duration of each measurement, s.", DefaultValueFactory = _ => 5 };
        var command = new Command("bench", "Measure the simulators on this machine: NIR spectra/s (max and at 500/s), camera frames/s (max render+encode\nand streaming at 25 fps), Modbus requests/s; each with CPU % of one core. Prints a table.") { seconds };
        command.SetAction(async (parse, ct) =>
        {
            double s = parse.GetValue(seconds);
            Console.WriteLine($"scsim bench on {Environment.ProcessorCount} cores, {RuntimeInformationText()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"{"measurement",-52} {"rate",19} {"CPU % of 1 core",16}");
            await RunAsync("NIR spectra/s, max (line rate 10000, FETC:BURS? 500)", "spectra/s", () => NirAsync(10_000, s, ct));
            await RunAsync("NIR spectra/s at the contract's 500/s", "spectra/s", () => NirAsync(500, s, ct));
            await RunAsync("camera render+JPEG frames/s, max (1 thread)", "frames/s", () => Task.FromResult(CameraMax(s)));
            await RunAsync("camera MJPEG stream to curl at 25 fps", "frames/s", () => CameraStreamAsync(s, ct));
            await RunAsync("Modbus requests/s, 1 client back-to-back (FC04 x10)", "requests/s", () => ModbusAsync(s, ct));
            return 0;
        });
        return command;
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static async Task RunAsync(string name, string unit, Func<Task<Sample>> work)
    {
        var sample = await work();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-52} {sample.Count / sample.WallSeconds,8:F0} {unit,-10} {sample.CpuSeconds / sample.WallSeconds * 100,8:F0} %"));
    }

    /// <summary>Process CPU and wall time of the steady-state part only (set-up such as drawing the ore strip excluded).</summary>
    private sealed class Meter
    {
        private readonly TimeSpan _cpu0 = Cpu();
        private readonly Stopwatch _wall = Stopwatch.StartNew();

        public Sample Stop(long count) => new(count, (Cpu() - _cpu0).TotalSeconds, _wall.Elapsed.TotalSeconds);

        private static TimeSpan Cpu()
        {
            using var p = Process.GetCurrentProcess();
            return p.TotalProcessorTime;
        }
    }

    private sealed record Sample(long Count, double CpuSeconds, double WallSeconds);

    private static SimulatedLaneOptions Quiet() => new()
    {
        Scenario = LaneScenarios.Contaminated,
        NirPort = 0,
        SamplerPort = -1,
        ScalePort = -1,
        RadiationPort = -1,
        CameraPort = -1,
        ControlPort = -1,
    };

    private static async Task<Sample> NirAsync(double lineRate, double seconds, CancellationToken ct)
    {
        var options = Quiet();
        options.NirLineRateHz = lineRate;
        await using var lane = await SimulatedLane.StartAsync(options, NullLoggerFactory.Instance, ct);
        using var client = new TcpClient();
        await client.ConnectAsync(lane.NirEndpoint, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("CONF:INT 50\n"), ct);
        long spectra = 0;
        int burst = lineRate >= 1000 ? 500 : 50;
        var meter = new Meter();
        var until = Stopwatch.StartNew();
        while (until.Elapsed.TotalSeconds < seconds)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"FETC:BURS? {burst}\n")), ct);
            await ReadBlockAsync(stream, ct);
            spectra += burst;
        }

        return meter.Stop(spectra);
    }

    private static async Task ReadBlockAsync(NetworkStream stream, CancellationToken ct)
    {
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, ct);
        if (one[0] != '#')
        {
            throw new InvalidDataException($"expected an IEEE 488.2 block, got byte {one[0]}");
        }

        await stream.ReadExactlyAsync(one, ct);
        var digits = new byte[one[0] - '0'];
        await stream.ReadExactlyAsync(digits, ct);
        int length = int.Parse(Encoding.ASCII.GetString(digits), CultureInfo.InvariantCulture);
        var body = new byte[length + 1];
        await stream.ReadExactlyAsync(body, ct);
    }

    private static Sample CameraMax(double seconds)
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated), 1);
        var options = new CameraSimulatorOptions();
        using var renderer = new BeltSceneRenderer(world, options);
        using var frame = new OpenCvSharp.Mat(options.Height, options.Width, OpenCvSharp.MatType.CV_8UC3);
        renderer.Render(10, frame); // draws the ore strip once, outside the timing
        var prms = new[] { new OpenCvSharp.ImageEncodingParam(OpenCvSharp.ImwriteFlags.JpegQuality, options.JpegQuality) };
        long n = 0;
        var meter = new Meter();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            renderer.Render(10 + (n / options.Fps), frame);
            OpenCvSharp.Cv2.ImEncode(".jpg", frame, out _, prms);
            n++;
        }

        return meter.Stop(n);
    }

    private static async Task<Sample> CameraStreamAsync(double seconds, CancellationToken ct)
    {
        var options = Quiet();
        options.CameraPort = 0;
        await using var lane = await SimulatedLane.StartAsync(options, NullLoggerFactory.Instance, ct);
        using var http = new HttpClient();
        await http.GetByteArrayAsync(new Uri($"http://{lane.CameraEndpoint}/snapshot.jpg"), ct); // warm-up: ore strip drawn
        var camera = lane.Camera!;

        // The viewer is curl in its own process, so the CPU measured here is the camera's alone.
        var psi = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-s", "--max-time", (seconds + 2).ToString(CultureInfo.InvariantCulture), "-o", "/dev/null", $"http://{lane.CameraEndpoint}/stream.mjpg" })
        {
            psi.ArgumentList.Add(a);
        }

        using var curl = Process.Start(psi) ?? throw new InvalidOperationException("curl is needed for the camera stream measurement");
        while (camera.StreamClients == 0 && !curl.HasExited)
        {
            await Task.Delay(10, ct);
        }

        await Task.Delay(500, ct); // settle
        long first = camera.LatestFrame?.Sequence ?? 0;
        var meter = new Meter();
        await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        var sample = meter.Stop((camera.LatestFrame?.Sequence ?? 0) - first);
        await curl.WaitForExitAsync(ct);
        return sample;
    }

    private static async Task<Sample> ModbusAsync(double seconds, CancellationToken ct)
    {
        var options = Quiet();
        options.SamplerPort = 0;
        await using var lane = await SimulatedLane.StartAsync(options, NullLoggerFactory.Instance, ct);
        using var client = new TcpClient();
        await client.ConnectAsync(lane.SamplerEndpoint!, ct);
        var stream = client.GetStream();
        byte[] request = [0, 1, 0, 0, 0, 6, 1, 4, 0, 0, 0, 10];
        var response = new byte[9 + 20];
        long n = 0;
        var meter = new Meter();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            await stream.WriteAsync(request, ct);
            await stream.ReadExactlyAsync(response, ct);
            n++;
        }

        return meter.Stop(n);
    }
}
