using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Camera.Ffmpeg;
using SmartCustoms.Drivers.Camera.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Camera.Tests.Ffmpeg;

/// <summary>
/// The ffmpeg source with a file as input (no RTSP server exists on the test machine; the RTSP path differs only
/// in ffmpeg's input options, checked in <see cref="FfmpegArgumentsTests"/>).
/// </summary>
public sealed class FfmpegRtspFrameSourceTests
{
    private static FfmpegRtspFrameSource Source(string url, string ffmpeg = "ffmpeg") =>
        new(new CameraOptions { Source = CameraSourceKind.Rtsp, Url = url, Width = 160, Height = 120, RealTime = false, Loop = true, FfmpegPath = ffmpeg },
            TimeProvider.System, NullLogger<FfmpegRtspFrameSource>.Instance);

    [FfmpegFact]
    public async Task Frames_from_ffmpeg_arrive_scaled_with_pixels_and_JPEG()
    {
        using var video = TestVideo.Write(frames: 10);
        await using var source = Source(video.Path);
        await using var collector = new FrameCollector(source);

        await Eventually.True(() => collector.Frames.Count >= 15, TimeSpan.FromSeconds(20), () => $"{collector.Frames.Count} frames, {source.Health}");
        Assert.All(collector.Frames, f => Assert.Equal((160, 120, true), (f.Width, f.Height, f.HasPixels)));
        Assert.Equal(DeviceHealthState.Up, source.Health.State);
    }

    [FfmpegFact]
    public async Task An_input_ffmpeg_cannot_open_is_down_with_ffmpegs_own_words()
    {
        await using var source = Source("/nonexistent/stream.avi");
        await using var collector = new FrameCollector(source);

        // Down from the start ("not connected yet"); wait for the reason ffmpeg gives.
        await Eventually.True(() => source.Health.State == DeviceHealthState.Down && source.Health.Reason.Contains("exited with code", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), () => source.Health.ToString());
        Assert.Contains("No such file", source.Health.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ffmpeg_executable_is_down_with_how_to_fix_it()
    {
        await using var source = Source("rtsp://127.0.0.1:1/none", ffmpeg: "/nonexistent/ffmpeg");
        await using var collector = new FrameCollector(source);

        await Eventually.True(() => source.Health.State == DeviceHealthState.Down && source.Health.Reason.Contains("install ffmpeg", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), () => source.Health.ToString());
    }
}
