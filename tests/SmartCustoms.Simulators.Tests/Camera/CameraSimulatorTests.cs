using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Camera;

/// <summary>The camera over real HTTP on 127.0.0.1: snapshot, MJPEG stream (read strictly and with curl), faults.</summary>
public sealed class CameraSimulatorTests : IAsyncLifetime, IDisposable
{
    private SimulatedLane _lane = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _lane = await SimulatedLane.StartAsync(
            new SimulatedLaneOptions { Scenario = LaneScenarios.Contaminated, Seed = 21, NirPort = 0, SamplerPort = -1, ScalePort = -1, RadiationPort = -1, CameraPort = 0, ControlPort = -1 },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri($"http://{_lane.CameraEndpoint}/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _lane.DisposeAsync();
    }

    private static bool IsCompleteJpeg(byte[] b) => b.Length > 1000 && b[0] == 0xFF && b[1] == 0xD8 && b[^2] == 0xFF && b[^1] == 0xD9;

    private static Size Decode(byte[] jpeg)
    {
        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        return image.Empty() ? default : image.Size();
    }

    [Fact]
    public async Task Snapshot_is_a_complete_1280x720_jpeg_with_sequence_and_timestamp()
    {
        using var response = await _http.GetAsync("snapshot.jpg");
        response.EnsureSuccessStatusCode();
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        byte[] jpeg = await response.Content.ReadAsByteArrayAsync();
        Assert.True(IsCompleteJpeg(jpeg));
        Assert.Equal(new Size(1280, 720), Decode(jpeg));
        Assert.True(long.Parse(response.Headers.GetValues("X-Frame-Sequence").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var ts = DateTimeOffset.Parse(response.Headers.GetValues("X-Frame-Timestamp").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ts, DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Stream_sends_well_formed_parts_with_increasing_sequence_numbers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "stream.mjpg");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
        string boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
        await using var stream = await response.Content.ReadAsStreamAsync();
        var reader = new MjpegReader(stream, boundary);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        long last = 0;
        for (int i = 0; i < 12; i++)
        {
            var part = await reader.ReadPartAsync(cts.Token);
            Assert.Equal("image/jpeg", part.Headers["Content-Type"]);
            long seq = long.Parse(part.Headers["X-Frame-Sequence"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(seq > last, $"sequence {seq} after {last}");
            last = seq;
            Assert.True(part.Headers.ContainsKey("X-Frame-Timestamp"));
            Assert.True(IsCompleteJpeg(part.Body));
        }

        Assert.Equal(new Size(1280, 720), Decode((await reader.ReadPartAsync(cts.Token)).Body));
    }

    [Fact]
    public async Task Curl_gets_a_valid_snapshot_and_an_mjpeg_stream()
    {
        string dir = Directory.CreateTempSubdirectory("sc-camera-").FullName;
        try
        {
            string snap = Path.Combine(dir, "snap.jpg");
            string stream = Path.Combine(dir, "stream.mjpg");
            Assert.Equal(0, await CurlAsync("-s", "-f", "-o", snap, $"http://{_lane.CameraEndpoint}/snapshot.jpg"));
            Assert.True(IsCompleteJpeg(await File.ReadAllBytesAsync(snap)));

            // curl stops after 1.5 s (exit 28 = the time limit, expected for an endless stream).
            Assert.Equal(28, await CurlAsync("-s", "--max-time", "1.5", "-o", stream, $"http://{_lane.CameraEndpoint}/stream.mjpg"));
            await using var file = File.OpenRead(stream);
            var reader = new MjpegReader(file, CameraSimulator.Boundary);
            var first = await reader.ReadPartAsync(CancellationToken.None);
            var second = await reader.ReadPartAsync(CancellationToken.None);
            Assert.True(IsCompleteJpeg(first.Body) && IsCompleteJpeg(second.Body));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Frozen_frames_repeat_the_image_and_corrupt_frames_do_not_decode()
    {
        _lane.Faults("camera").Inject(DeviceFaultKind.FrozenFrames, TimeSpan.FromSeconds(30));
        byte[] a = await _http.GetByteArrayAsync("snapshot.jpg");
        byte[] b = await _http.GetByteArrayAsync("snapshot.jpg");
        Assert.Equal(a, b);
        _lane.Faults("camera").Clear();

        _lane.Faults("camera").Inject(DeviceFaultKind.CorruptJpeg, TimeSpan.FromSeconds(30));
        byte[] bad = await _http.GetByteArrayAsync("snapshot.jpg");
        Assert.False(IsCompleteJpeg(bad));
        _lane.Faults("camera").Clear();
    }

    [Fact]
    public async Task Disconnect_drops_requests_until_it_ends()
    {
        _lane.Faults("camera").Inject(DeviceFaultKind.Disconnect, TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.GetByteArrayAsync("snapshot.jpg"));
        _lane.Faults("camera").Clear();
        Assert.True(IsCompleteJpeg(await _http.GetByteArrayAsync("snapshot.jpg")));
    }

    private static async Task<int> CurlAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("curl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await p.WaitForExitAsync(cts.Token);
        return p.ExitCode;
    }
}
