using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.Sampler;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Control;

/// <summary>The control and ground-truth API over real HTTP on 127.0.0.1.</summary>
public sealed class ControlApiTests : IAsyncLifetime, IDisposable
{
    private SimulatedLane _lane = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _lane = await SimulatedLane.StartAsync(
            new SimulatedLaneOptions { Scenario = LaneScenarios.Contaminated, ItemsPerKm = 3000, Seed = 31, SamplerPositionM = 3, NirPort = 0, SamplerPort = 0, ScalePort = 0, RadiationPort = 0, CameraPort = -1, ControlPort = 0 },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri($"http://{_lane.ControlEndpoint}/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _lane.DisposeAsync();
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(path));
        return doc.RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    [Fact]
    public async Task Truth_lists_items_with_pass_times_exposure_lots_brand_and_increments()
    {
        var truth = await GetJsonAsync("truth?aheadS=5");
        Assert.Equal("contaminated", truth.GetProperty("scenario").GetString());
        Assert.Equal(31, truth.GetProperty("seed").GetInt32());
        Assert.Equal("pilbara_blend", truth.GetProperty("actualBrand").GetProperty("id").GetString());
        Assert.Equal(truth.GetProperty("declaredBrand").GetProperty("id").GetString(), truth.GetProperty("lots")[0].GetProperty("declaredBrandId").GetString());
        var items = truth.GetProperty("items");
        Assert.True(items.GetArrayLength() > 10);
        var first = items[0];
        Assert.StartsWith("item-", first.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(first.GetProperty("material").GetString()));
        Assert.True(first.GetProperty("sizeM").GetDouble() is >= 0.02 and <= 0.6);
        Assert.True(first.GetProperty("exposed").ValueKind is JsonValueKind.True or JsonValueKind.False);
        double atCamera = first.GetProperty("camera").GetProperty("laneS").GetDouble();
        double atSampler = first.GetProperty("sampler").GetProperty("laneS").GetDouble();
        Assert.True(atSampler > atCamera);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("interceptedByIncrement").ValueKind);
    }

    [Fact]
    public async Task A_cut_shows_in_truth_with_the_items_it_intercepted()
    {
        var sampler = _lane.Sampler!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (_lane.World.Profile.SpeedAt(_lane.Clock.ElapsedSeconds) < 4.9)
        {
            Assert.True(DateTime.UtcNow < deadline, "belt did not reach speed");
            await Task.Delay(50);
        }

        Assert.Equal(ModbusExceptionCode.None, sampler.WriteHoldingRegisters(0, [(ushort)SamplerCommand.TakeIncrement, 1, 0, 77]));
        while (sampler.IncrementsCompleted < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "no cut");
            await Task.Delay(20);
        }

        var truth = await GetJsonAsync("truth");
        var increment = Assert.Single(truth.GetProperty("increments").EnumerateArray());
        Assert.Equal(77u, increment.GetProperty("incrementId").GetUInt32());
        Assert.InRange(increment.GetProperty("massKg").GetDouble(), 550, 561);
        var intercepted = increment.GetProperty("interceptedItemIds").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.NotEmpty(intercepted); // 3000 items/km: ~4 items per 1.4 m cut (the sampler sits at 3 m so loaded belt reaches it while the test runs)
        var byId = truth.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.All(intercepted, id => Assert.Equal(1, byId[id!].GetProperty("interceptedByIncrement").GetInt32()));
    }

    [Fact]
    public async Task Posting_a_fault_injects_it_and_bad_requests_get_400_naming_the_problem()
    {
        var (ok, body) = await PostAsync("faults", """{"device":"sampler","kind":"stall","seconds":30}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.True(_lane.Faults("sampler").IsActive(DeviceFaultKind.Stall));
        Assert.Contains((await GetJsonAsync("faults")).EnumerateArray(), f => f.GetProperty("device").GetString() == "sampler" && f.GetProperty("kind").GetString() == "stall");

        foreach (var (json, mentions) in new[]
        {
            ("""{"device":"printer","kind":"stall","seconds":3}""", "device"),
            ("""{"device":"camera","kind":"stall","seconds":3}""", "not simulated"),
            ("""{"device":"scale","kind":"melt","seconds":3}""", "kind"),
            ("""{"device":"scale","kind":"nan","seconds":3}""", "kind"),
            ("""{"device":"scale","kind":"slow","seconds":-1}""", "seconds"),
            ("""{"device":"scale","kind":"slow"}""", "seconds"),
            ("""{"device":"scale",""", "JSON"),
        })
        {
            var (status, error) = await PostAsync("faults", json);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.False(error.GetProperty("ok").GetBoolean());
            Assert.Contains(mentions, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using var delete = await _http.DeleteAsync("faults");
        delete.EnsureSuccessStatusCode();
        Assert.False(_lane.Faults("sampler").IsActive(DeviceFaultKind.Stall));
    }

    [Fact]
    public async Task Switching_the_scenario_restarts_the_world_on_the_same_ports()
    {
        int samplerPort = _lane.SamplerEndpoint!.Port;
        int nirPort = _lane.NirEndpoint.Port;
        var (status, body) = await PostAsync("scenario", """{"name":"radioactive","seed":5}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("radioactive", body.GetProperty("scenario").GetString());
        Assert.Equal("radioactive", _lane.World.Scenario.Name);
        Assert.Equal(5, _lane.World.Seed);
        Assert.Equal(samplerPort, _lane.SamplerEndpoint!.Port);
        Assert.Equal(nirPort, _lane.NirEndpoint.Port);
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(_lane.SamplerEndpoint);
        }

        Assert.True((await GetJsonAsync("truth?aheadS=3600")).GetProperty("radiationSources").GetArrayLength() > 0);

        var (bad, error) = await PostAsync("scenario", """{"name":"sunny"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("clean", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_lists_every_running_device_and_unknown_paths_are_404()
    {
        var status = await _http.GetFromJsonAsync<JsonElement>("status");
        var devices = status.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device").GetString()).ToList();
        Assert.Equal(["nir", "sampler", "scale", "radiation"], devices);
        using var missing = await _http.GetAsync("nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
