using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmartCustoms.Simulators;

namespace SmartCustoms.Perf.Processes;

/// <summary>
/// <c>scsim lane</c> as its own process on free ports, with its control and ground-truth API. It outlives
/// gateway kills and broker restarts, so its <c>/truth</c> covers a whole run. Not thread-safe.
/// </summary>
internal sealed class LaneSimulator : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;
    private readonly string _folder;

    private LaneSimulator(ChildProcess process, string folder, int seed, Ports ports)
    {
        _process = process;
        _folder = folder;
        Seed = seed;
        Endpoints = ports;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Control.ToString(CultureInfo.InvariantCulture)}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    private static readonly string[] TestSourceArguments = ["--nir-test-source", "1024"];

    public sealed record Ports(int Nir, int Sampler, int Scale, int Radiation, int Camera, int Control);

    public Ports Endpoints { get; }

    public int Seed { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    public string Output => _process.Output;

    public static async Task<LaneSimulator> StartAsync(string scsimDll, string scenario, int seed, LaneLoad load, double? itemsPerKm = null)
    {
        // A port picked free can be taken by someone else before scsim binds it (the OS hands out the same range for
        // outgoing connections): try again with new ports rather than lose a whole benchmark run.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(scsimDll, scenario, seed, load, itemsPerKm);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"  scsim could not bind a port picked free (attempt {attempt}); again with new ports");
            }
        }
    }

    private static async Task<LaneSimulator> StartOnceAsync(string scsimDll, string scenario, int seed, LaneLoad load, double? itemsPerKm)
    {
        var ports = new Ports(FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        static string S(double v) => v.ToString(CultureInfo.InvariantCulture);
        static string P(int v) => v.ToString(CultureInfo.InvariantCulture);
        var folder = PerfPaths.NewTempFolder("sc-perf-scsim-");
        var process = ChildProcess.Start("scsim", "dotnet", [
            PerfPaths.MustExist(scsimDll, "scsim"), "lane", "--scenario", scenario, "--seed", P(seed),
            "--belt-speed", S(load.BeltSpeedMps), "--line-rate", S(load.NirLineRateHz), "--fps", S(load.CameraFps),
            "--nir-port", P(ports.Nir), "--sampler-port", P(ports.Sampler), "--scale-port", P(ports.Scale),
            "--radiation-port", P(ports.Radiation), "--camera-port", load.NirTestSource ? "-1" : P(ports.Camera), "--control-port", P(ports.Control),
            .. (itemsPerKm is { } k ? new[] { "--items-per-km", S(k) } : []),
            // The spectral ceiling: the NIR as a throughput test source (1,024 banked clean spectra) and no camera at all.
            .. (load.NirTestSource ? TestSourceArguments : [])], folder);
        var lane = new LaneSimulator(process, folder, seed, ports);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("scsim lane exited: " + process.Output);
            }

            try
            {
                using var response = await lane._http.GetAsync(new Uri("status", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return lane;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("scsim lane's control API did not answer within 60 s: " + process.Output);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// When the lane clock read zero, on this machine's wall clock: the /status answer with the shortest round
    /// trip, its lane time placed at the middle of the round trip (error ≤ half that round trip).
    /// </summary>
    public async Task<(DateTimeOffset LaneZeroUtc, TimeSpan Uncertainty)> LaneZeroAsync()
    {
        var best = (Zero: DateTimeOffset.MinValue, Rtt: TimeSpan.MaxValue);
        for (var i = 0; i < 7; i++)
        {
            var before = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("status", UriKind.Relative)));
            var rtt = Stopwatch.GetElapsedTime(started);
            var laneTime = document.RootElement.GetProperty("laneTimeS").GetDouble();
            if (rtt < best.Rtt)
            {
                best = (before + (rtt / 2) - TimeSpan.FromSeconds(laneTime), rtt);
            }
        }

        return (best.Zero, best.Rtt / 2);
    }

    /// <summary>The simulated NIR's clock reading at lane time 0 (it was "powered up" before the lane started), µs.</summary>
    public long NirBootOffsetMicroseconds => 3_600_000_000L + (SimRandom.Mix(Seed, 710, 0) % 1_000_000_000);

    public async Task<JsonDocument> TruthAsync() => JsonDocument.Parse(await _http.GetStringAsync(new Uri("truth", UriKind.Relative)));

    public async Task<JsonDocument> StatusAsync() => JsonDocument.Parse(await _http.GetStringAsync(new Uri("status", UriKind.Relative)));

    /// <summary>POST /faults: a fault on a device for some seconds.</summary>
    public async Task InjectFaultAsync(string device, string kind, double seconds)
    {
        using var content = new StringContent(string.Create(CultureInfo.InvariantCulture, $$"""{"device":"{{device}}","kind":"{{kind}}","seconds":{{seconds}}}"""), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("faults", UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"scsim refused fault {device} {kind}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Ends injected faults, then switches to another scenario (the lane restarts on the same ports, as after a reboot).</summary>
    public async Task SwitchScenarioAsync(string scenario)
    {
        using (await _http.DeleteAsync(new Uri("faults", UriKind.Relative)))
        {
        }

        using var response = await _http.PostAsJsonAsync(new Uri("scenario", UriKind.Relative), new { name = scenario, seed = Seed });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"scsim refused scenario {scenario}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
