using System.Globalization;
using System.Text.Json;

namespace SmartCustoms.Perf.Processes;

/// <summary>
/// The published gateway (<c>dotnet SmartCustoms.Edge.dll</c>) as its own process, pointed at an external
/// mosquitto and at the devices of a separate <c>scsim lane</c> over their real protocols (no --simulate). The
/// store folder survives restarts (SIGKILL then start again = a power cut and reboot). Not thread-safe.
/// </summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    public const string Site = "perf";
    public const string Lane = "lane1";
    public const string TopicRoot = "sc/v1/" + Site + "/" + Lane;
    public const string CameraName = "camera";
    public const string Token = "perf-token";

    private readonly string _dll;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _folder;
    private readonly HttpClient _http;
    private ChildProcess? _process;

    private GatewayUnderTest(string dll, IReadOnlyList<string> arguments, string folder, int httpPort)
    {
        _dll = dll;
        _arguments = arguments;
        _folder = folder;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int? Pid => _process is { HasExited: false } p ? p.Pid : null;

    public bool IsRunning => _process is { HasExited: false };

    public string Output => _process?.Output ?? string.Empty;

    public int Starts { get; private set; }

    /// <summary>Settings for the gateway; <paramref name="extra"/> are appended (later settings win).</summary>
    public static GatewayUnderTest Create(string dll, MosquittoBroker broker, LaneSimulator lane, JsonElement devicePositionsM, IEnumerable<string> extra)
    {
        static string P(int v) => v.ToString(CultureInfo.InvariantCulture);
        static string M(JsonElement positions, string device) => positions.GetProperty(device).GetDouble().ToString(CultureInfo.InvariantCulture);
        var folder = PerfPaths.NewTempFolder("sc-perf-gateway-");
        var httpPort = FreePort.Next();
        var ports = lane.Endpoints;
        List<string> args =
        [
            "--Urls=http://127.0.0.1:" + P(httpPort),
            "--Mqtt:Host=127.0.0.1", "--Mqtt:Port=" + P(broker.Port), "--Mqtt:Site=" + Site, "--Mqtt:Lane=" + Lane,
            "--Storage:Path=" + Path.Combine(folder, "data"),
            "--Devices:Nir:Transport=tcp", "--Devices:Nir:Host=127.0.0.1", "--Devices:Nir:Port=" + P(ports.Nir),
            "--Devices:Sampler:Host=127.0.0.1", "--Devices:Sampler:Port=" + P(ports.Sampler),
            "--Devices:BeltScale:Host=127.0.0.1", "--Devices:BeltScale:Port=" + P(ports.Scale),
            "--Devices:Radiation:Host=127.0.0.1", "--Devices:Radiation:Port=" + P(ports.Radiation),
            "--Devices:Camera:Name=" + CameraName, "--Devices:Camera:Source=Mjpeg",
            "--Devices:Camera:Url=http://127.0.0.1:" + P(ports.Camera) + "/stream.mjpg",
            // The lane's layout as the simulator builds it (the belt scale weighs at the head, 0 m).
            "--Lane:Geometry:ScaleMetres=0",
            "--Lane:Geometry:CameraMetres=" + M(devicePositionsM, "camera"),
            "--Lane:Geometry:NirMetres=" + M(devicePositionsM, "nir"),
            "--Lane:Geometry:RadiationMetres=" + M(devicePositionsM, "radiation"),
            "--Lane:Geometry:CutterMetres=" + M(devicePositionsM, "sampler"),
            "--Commands:Tokens:0=" + Token,
            "--Serilog:MinimumLevel:Default=Warning",
            .. extra,
        ];
        return new GatewayUnderTest(PerfPaths.MustExist(dll, "the gateway"), args, folder, httpPort);
    }

    public void Start()
    {
        _process = ChildProcess.Start("gateway", "dotnet", [_dll, .. _arguments], _folder);
        Starts++;
    }

    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>The store's highest seq (<c>GET /api/events</c>'s lastSeq), or null when the API does not answer.</summary>
    public async Task<long?> LastSeqAsync()
    {
        try
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("api/events?limit=1&afterSeq=" + long.MaxValue.ToString(CultureInfo.InvariantCulture), UriKind.Relative)));
            return document.RootElement.GetProperty("lastSeq").GetInt64();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The camera as the gateway consumes it: frames seen and dropped (driver counters), or null.</summary>
    public async Task<CameraCounters?> CameraAsync()
    {
        try
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("api/camera/" + CameraName, UriKind.Relative)));
            var root = document.RootElement;
            var counters = root.GetProperty("counters");
            long C(string name) => counters.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
            bool? enabled = null;
            double? cap = null;
            if (root.TryGetProperty("visual", out var visual) && visual.ValueKind == JsonValueKind.Object)
            {
                enabled = visual.TryGetProperty("enabled", out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : null;
                cap = visual.TryGetProperty("maxFramesPerSecond", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : null;
            }

            return new CameraCounters(root.GetProperty("framesSeen").GetInt64(), C("dropped"), C("late"), C("corrupt"),
                Find(root, "framesDetected"), Find(root, "framesSkipped"), enabled, cap);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A whole-number property anywhere in the JSON (the visual detector's counters, when the gateway reports them).</summary>
    private static long? Find(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals(name) && property.Value.TryGetInt64(out var value))
                {
                    return value;
                }

                if (Find(property.Value, name) is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    /// <summary>Every stored envelope (<c>GET /api/events</c>, page by page), as raw JSON with its seq.</summary>
    public async Task<List<StoredEvent>> ReadAllEventsAsync()
    {
        var all = new List<StoredEvent>();
        long after = 0;
        while (true)
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("api/events?limit=1000&afterSeq=" + after.ToString(CultureInfo.InvariantCulture), UriKind.Relative)));
            var events = document.RootElement.GetProperty("events");
            if (events.GetArrayLength() == 0)
            {
                return all;
            }

            foreach (var e in events.EnumerateArray())
            {
                var stored = new StoredEvent(e.GetProperty("seq").GetInt64(), e.GetProperty("id").GetString()!, e.GetProperty("schema").GetString()!, e.GetRawText());
                all.Add(stored);
                after = stored.Seq;
            }
        }
    }

    /// <summary><c>/metrics</c> (Prometheus text) when the gateway has it: sample name (with labels) → value.</summary>
    public async Task<Dictionary<string, double>?> MetricsAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("metrics", UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var samples = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var space = line.LastIndexOf(' ');
                if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    samples[line[..space].Trim()] = value;
                }
            }

            return samples;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<string?> CommandAsync(string name, string json)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/commands/" + name, UriKind.Relative))
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            using var response = await _http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

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
