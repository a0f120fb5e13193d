using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.DeviceFaults;

/// <summary>The clock-offset fault: NIR burst device times and camera frame timestamps shift, sequences do not.</summary>
public sealed class ClockOffsetFaultTests : IAsyncLifetime, IDisposable
{
    private const int Pixels = 256;
    private const int RecordBytes = 20 + (Pixels * 4);
    private SimulatedLane _lane = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _lane = await SimulatedLane.StartAsync(
            new SimulatedLaneOptions { Seed = 44, NirPort = 0, SamplerPort = -1, ScalePort = -1, RadiationPort = -1, CameraPort = 0, ControlPort = 0 },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _lane.DisposeAsync();
    }

    private static async Task<List<(ulong Sequence, long DeviceUs)>> BurstAsync(ScpiTestClient client, int n)
    {
        await client.SendAsync($"FETC:BURS? {n}");
        byte[] block = await client.ReadBlockAsync();
        Assert.Equal(n * RecordBytes, block.Length);
        return [.. Enumerable.Range(0, n).Select(i => (
            BinaryPrimitives.ReadUInt64LittleEndian(block.AsSpan(i * RecordBytes)),
            BinaryPrimitives.ReadInt64LittleEndian(block.AsSpan((i * RecordBytes) + 8))))];
    }

    [Fact]
    public async Task Nir_device_times_jump_by_the_offset_while_sequences_stay_gapless()
    {
        await using var client = await ScpiTestClient.ConnectAsync(_lane.NirEndpoint);
        var before = await BurstAsync(client, 20);
        _lane.Faults("nir").InjectClockOffset(TimeSpan.FromSeconds(3600), TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromSeconds(3600), _lane.Faults("nir").ClockOffset);
        var during = await BurstAsync(client, 20);
        _lane.Faults("nir").Inject(DeviceFaultKind.ClockOffset, TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, _lane.Faults("nir").ClockOffset);
        var after = await BurstAsync(client, 20);

        var all = before.Concat(during).Concat(after).ToList();
        for (int i = 1; i < all.Count; i++)
        {
            Assert.Equal(all[i - 1].Sequence + 1, all[i].Sequence);
        }

        // 500 spectra/s: 2,000 µs apart inside each burst; the step between bursts is the offset plus the
        // little real time between them (well under 2 s).
        foreach (var burst in new[] { before, during, after })
        {
            for (int i = 1; i < burst.Count; i++)
            {
                Assert.InRange(burst[i].DeviceUs - burst[i - 1].DeviceUs, 1_990, 2_010);
            }
        }

        Assert.InRange(during[0].DeviceUs - before[^1].DeviceUs, 3_600_000_000L, 3_602_000_000L);
        Assert.InRange(after[0].DeviceUs - during[^1].DeviceUs, -3_600_000_000L, -3_598_000_000L);
    }

    [Fact]
    public async Task Camera_frame_timestamp_is_shifted_and_sequences_keep_counting()
    {
        var snapshot = new Uri($"http://{_lane.CameraEndpoint}/snapshot.jpg");
        async Task<(long Sequence, DateTimeOffset Stamp)> SnapAsync()
        {
            using var response = await _http.GetAsync(snapshot);
            response.EnsureSuccessStatusCode();
            return (
                long.Parse(response.Headers.GetValues("X-Frame-Sequence").Single(), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(response.Headers.GetValues("X-Frame-Timestamp").Single(), CultureInfo.InvariantCulture));
        }

        var normal = await SnapAsync();
        Assert.InRange(normal.Stamp, DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(1));

        _lane.Faults("camera").InjectClockOffset(TimeSpan.FromSeconds(-7200), TimeSpan.FromSeconds(60));

        // A frame being encoded as the fault starts may still carry the true time: wait for a shifted one.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        (long Sequence, DateTimeOffset Stamp) shifted;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "no frame with a shifted timestamp within 15 s");
            shifted = await SnapAsync();
        }
        while (shifted.Stamp > DateTimeOffset.UtcNow.AddHours(-1));

        Assert.InRange(shifted.Stamp, DateTimeOffset.UtcNow.AddSeconds(-7200 - 30), DateTimeOffset.UtcNow.AddSeconds(-7200 + 1));
        Assert.True(shifted.Sequence > normal.Sequence);

        _lane.Faults("camera").Clear();
        deadline = DateTime.UtcNow.AddSeconds(15);
        (long Sequence, DateTimeOffset Stamp) back;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "timestamps did not come back after the fault");
            back = await SnapAsync();
        }
        while (back.Stamp < DateTimeOffset.UtcNow.AddHours(-1));

        Assert.True(back.Sequence > shifted.Sequence);
    }

    [Fact]
    public async Task Control_api_takes_an_offset_for_clock_offset_only()
    {
        async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(new Uri($"http://{_lane.ControlEndpoint}/faults"), content);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, doc.RootElement.Clone());
        }

        var (ok, body) = await PostAsync("""{"device":"nir","kind":"clock-offset","seconds":30,"offsetSeconds":-120}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(-120, body.GetProperty("offsetSeconds").GetDouble());
        Assert.Equal(TimeSpan.FromSeconds(-120), _lane.Faults("nir").ClockOffset);

        (ok, _) = await PostAsync("""{"device":"camera","kind":"clock-offset","seconds":30}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(DeviceFaultKinds.DefaultClockOffset, _lane.Faults("camera").ClockOffset);

        (ok, _) = await PostAsync("""{"device":"cabinet","kind":"bad-crc","seconds":30}""");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.True(_lane.Faults("cabinet").IsActive(DeviceFaultKind.BadCrc));

        foreach (var (json, mentions) in new[]
        {
            ("""{"device":"nir","kind":"stall","seconds":3,"offsetSeconds":10}""", "offsetSeconds"),
            ("""{"device":"nir","kind":"clock-offset","seconds":3,"offsetSeconds":1e9}""", "offsetSeconds"),
            ("""{"device":"cabinet","kind":"clock-offset","seconds":3}""", "kind"),
            ("""{"device":"cabinet","kind":"stall","seconds":3}""", "bad-crc"),
        })
        {
            var (status, error) = await PostAsync(json);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(mentions, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Wire_names_parse_and_apply_to_the_right_devices()
    {
        Assert.True(DeviceFaultKinds.TryParse("Clock-Offset", out var kind));
        Assert.Equal(DeviceFaultKind.ClockOffset, kind);
        Assert.Contains("clock-offset", DeviceFaultKinds.Names);
        Assert.Contains(DeviceFaultKind.ClockOffset, DeviceFaultKinds.ApplicableTo("nir"));
        Assert.Contains(DeviceFaultKind.ClockOffset, DeviceFaultKinds.ApplicableTo("camera"));
        Assert.DoesNotContain(DeviceFaultKind.ClockOffset, DeviceFaultKinds.ApplicableTo("sampler"));
        Assert.True(DeviceFaultKinds.TryParse("bad-crc", out kind));
        Assert.Equal([DeviceFaultKind.Disconnect, DeviceFaultKind.BadCrc], DeviceFaultKinds.ApplicableTo("cabinet"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _lane.Faults("nir").InjectClockOffset(TimeSpan.FromDays(400), TimeSpan.FromSeconds(1)));
    }
}
