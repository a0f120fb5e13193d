using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// One scenario end to end: a real mosquitto, the gateway as its own process with <c>--simulate</c> (the simulated
/// devices on free loopback ports, the gateway's real drivers talking to them), a lot started and ended through
/// the HTTP command API, everything published collected from MQTT, and the simulator's ground truth read from its
/// control API (<c>/truth</c>) — by the test only; the gateway never reads it. Real time throughout.
/// </summary>
public sealed class LaneScenarioRun : IAsyncDisposable
{
    public const string Token = "scenario-token";
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);

    private readonly MosquittoFixture _broker = new();
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "sc-scn-" + Guid.NewGuid().ToString("N")[..8]);
    private GatewayProcess? _gateway;
    private HttpClient? _gatewayHttp;
    private HttpClient? _control;
    private StoredEventsClient? _commands;

    private LaneScenarioRun(string scenario, int seed)
    {
        Scenario = scenario;
        Seed = seed;
    }

    public string Scenario { get; }

    public int Seed { get; }

    public string LotId { get; } = "LOT-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public ScenarioEventLog Events { get; private set; } = null!;

    /// <summary>Lane time (simulator seconds) when the lot started and ended.</summary>
    public double LotStartLaneS { get; private set; }

    public double LotEndLaneS { get; private set; }

    /// <summary>Gateway belt coordinate minus simulator belt coordinate (see <see cref="CalibrateAsync"/>).</summary>
    public double CoordinateOffset { get; private set; }

    /// <summary>Gateway CPU over the lot, in cores (1.0 = one core busy), and the load average at lot end.</summary>
    public double GatewayCores { get; private set; } = double.NaN;

    public string LoadAverageAtEnd { get; private set; } = string.Empty;

    public string LoadAverageAtStart { get; private set; } = string.Empty;

    private (double CpuSeconds, double At)? _cpuAtStart;

    public string GatewayOutput => _gateway is null ? string.Empty : _gateway.StandardOutput + "\n" + _gateway.StandardError;

    public static async Task<LaneScenarioRun> StartAsync(string scenario, int seed)
    {
        var run = new LaneScenarioRun(scenario, seed);
        await run._broker.InitializeAsync();
        var args = SimulatedGatewayArguments.Create(scenario, run._broker.Port, embeddedBroker: false, run._storage);
        args.Add("--Simulator:Seed=" + seed.ToString(CultureInfo.InvariantCulture));
        args.Add("--Commands:Tokens:0=" + Token);
        // The camera loop's per-frame diagnostics (Debug): what the contaminated report's camera anatomy reads.
        args.Add("--Serilog:MinimumLevel:Override:SmartCustoms.Edge.Camera.CameraWorker=Debug");
        // For measuring the frame-rate policy (SC_VISUAL_FPS=15 …); unset in CI: the gateway's default.
        var visualFps = TestSettings.WholeNumber("SC_VISUAL_FPS", 0, 0);
        if (visualFps > 0)
        {
            args.Add("--Models:VisualMaxFramesPerSecond=" + visualFps.ToString(CultureInfo.InvariantCulture));
        }

        var controlPort = args.Single(a => a.StartsWith("--Simulator:ControlPort=", StringComparison.Ordinal)).Split('=')[1];
        run.Events = await ScenarioEventLog.ConnectAsync(run._broker.Host, run._broker.Port, SimulatedGatewayArguments.TopicRoot(args));
        run._gateway = GatewayProcess.Start([.. args]);
        var address = await StoredEventsClient.AddressOfAsync(run._gateway, StartWithin);
        run._gatewayHttp = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        run._commands = new StoredEventsClient(address);
        run._control = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + controlPort + "/"), Timeout = TimeSpan.FromSeconds(10) };
        return run;
    }

    /// <summary>Waits for the lane to run (belt moving as the gateway sees it, NIR spectra flowing), then starts the lot.</summary>
    public async Task StartLotAsync(string declaredBrand)
    {
        await WaitUntilAsync(async () =>
        {
            var belt = (await LaneAsync()).GetProperty("belt");
            return belt.GetProperty("moving").GetBoolean();
        }, StartWithin, "belt moving in /api/lane");
        await Events.WaitForAsync(m => m.Topic.EndsWith("/event/spectra", StringComparison.Ordinal), StartWithin, "an NIR spectra summary");

        var declaration = JsonSerializer.Serialize(new
        {
            lotId = LotId, declarationNumber = "DEC-" + Seed, vessel = "MV Scenario", declaredBrand,
            declaredMassTonnes = 180_000, hsCode = "2601.11",
        });
        var reply = await _commands!.CommandAsync("start-lot", declaration, Token);
        Assert.True(reply.Contains("\"ok\":true", StringComparison.Ordinal), "start-lot refused: " + reply);
        LotStartLaneS = await LaneTimeAsync();
        _cpuAtStart = GatewayCpu.Sample(GatewayCpu.FindProcess(_storage));
        LoadAverageAtStart = GatewayCpu.LoadAverage();
    }

    /// <summary>Lets the lane run for <paramref name="laneSeconds"/> of lane time after the lot started.</summary>
    public async Task RunAsync(double laneSeconds)
    {
        await WaitUntilAsync(async () => await LaneTimeAsync() >= LotStartLaneS + laneSeconds,
            TimeSpan.FromSeconds(laneSeconds * 2 + 30), $"lane time {LotStartLaneS + laneSeconds:0} s");
        Assert.False(_gateway!.HasExited, "the gateway exited during the run:\n" + GatewayOutput);
    }

    /// <summary>Ends the lot and waits until every segment of it was judged (a segment without a lot was judged after them).</summary>
    public async Task EndLotAsync()
    {
        var reply = await _commands!.CommandAsync("end-lot", JsonSerializer.Serialize(new { lotId = LotId }), Token);
        Assert.True(reply.Contains("\"ok\":true", StringComparison.Ordinal), "end-lot refused: " + reply);
        LotEndLaneS = await LaneTimeAsync();
        GatewayCores = GatewayCpu.CoresBetween(_cpuAtStart, GatewayCpu.Sample(GatewayCpu.FindProcess(_storage)));
        LoadAverageAtEnd = GatewayCpu.LoadAverage();
        // The lot's "ended" event first, then a segment after it: one pass over the messages per poll (the lot
        // events were scanned again for each message before).
        var ended = await Events.WaitForAsync(m => m.Topic.EndsWith("/event/lot", StringComparison.Ordinal) && m.Event == "ended",
            TimeSpan.FromSeconds(30), "the lot's ended event");
        var endedSeq = ended.Envelope.GetProperty("seq").GetInt64();
        await Events.WaitForAsync(m => m.Topic.EndsWith("/event/segment", StringComparison.Ordinal)
            && m.Data.GetProperty("lotId").ValueKind == JsonValueKind.Null
            && m.Envelope.GetProperty("seq").GetInt64() > endedSeq,
            TimeSpan.FromSeconds(30), "a segment judged after the lot's last one");
    }

    public async Task<JsonElement> TruthAsync() => await GetJsonAsync(_control!, "truth");

    public async Task<JsonElement> LaneAsync() => await GetJsonAsync(_gatewayHttp!, "api/lane");

    public async Task<double> LaneTimeAsync() => (await GetJsonAsync(_control!, "status")).GetProperty("laneTimeS").GetDouble();

    /// <summary>
    /// Finds how the gateway's belt coordinates relate to the simulator's: both integrate the same belt speed from
    /// different starts, so they differ by a constant. Reads the gateway's belt position (<c>/api/lane</c>, as of its
    /// last belt-scale poll) and the simulator's belt travel (<c>/truth</c>) back to back, moves both to one instant
    /// at the current speed, and takes the median of several samples. Good to a few decimetres.
    /// </summary>
    public async Task CalibrateAsync(double scalePollSeconds = 0.25)
    {
        var samples = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var belt = (await LaneAsync()).GetProperty("belt");
            var t1 = Stopwatch.GetTimestamp();
            var truth = await TruthAsync();
            var t2 = Stopwatch.GetTimestamp();
            var speed = belt.GetProperty("speedMetresPerSecond").GetDouble();
            var gatewayAt = ((t0 + t1) / 2.0 / Stopwatch.Frequency) - (scalePollSeconds / 2);
            var truthAt = (t1 + t2) / 2.0 / Stopwatch.Frequency;
            var gateway = belt.GetProperty("positionMetres").GetDouble() + (speed * (truthAt - gatewayAt));
            samples.Add(gateway - truth.GetProperty("belt").GetProperty("travelM").GetDouble());
            await Task.Delay(150);
        }

        samples.Sort();
        CoordinateOffset = samples[samples.Count / 2];
    }

    /// <summary>Refines the offset with matched evidence (see <see cref="ScenarioFigures"/>); used only when enough matches agree.</summary>
    public void AdjustOffset(double delta) => CoordinateOffset += delta;

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        var body = await http.GetStringAsync(new Uri(path, UriKind.Relative));
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < within)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
            {
                last = ex;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what}: not reached within {within}" + (last is null ? string.Empty : " (last error: " + last.Message + ")"));
    }

    public async ValueTask DisposeAsync()
    {
        _gatewayHttp?.Dispose();
        _control?.Dispose();
        _commands?.Dispose();
        if (_gateway is not null)
        {
            _gateway.Terminate();
            try
            {
                await _gateway.WaitForExitAsync(TimeSpan.FromSeconds(20));
            }
            catch (OperationCanceledException)
            {
            }

            await _gateway.DisposeAsync();
        }

        await Events.DisposeAsync();
        await _broker.DisposeAsync();
        try
        {
            Directory.Delete(_storage, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
