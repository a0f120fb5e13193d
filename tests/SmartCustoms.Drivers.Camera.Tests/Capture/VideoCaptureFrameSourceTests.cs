using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Camera.Capture;
using SmartCustoms.Drivers.Camera.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Camera.Tests.Capture;

/// <summary>The file source reading an MJPG .avi written by the test (no camera hardware needed).</summary>
public sealed class VideoCaptureFrameSourceTests
{
    private static VideoCaptureFrameSource Source(string path, bool loop, bool realTime = false) =>
        new(new CameraOptions { Source = CameraSourceKind.File, FilePath = path, Loop = loop, RealTime = realTime },
            TimeProvider.System, NullLogger<VideoCaptureFrameSource>.Instance);

    [Fact]
    public async Task Every_frame_of_a_file_is_delivered_once_with_pixels_and_a_JPEG_then_it_ends()
    {
        using var video = TestVideo.Write(frames: 10);
        await using var source = Source(video.Path, loop: false);
        var frames = new List<SeenFrame>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await foreach (var frame in source.ReadFramesAsync(timeout.Token))
        {
            using (frame)
            {
                Assert.Equal(0xFF, frame.Jpeg.Span[0]);
                Assert.NotNull(frame.Pixels);
                frames.Add(new SeenFrame(frame.Sequence, frame.SequenceFromDevice, frame.DeviceTime, frame.Width, frame.Height, frame.HasPixels, frame.IsRepeat, frame.Jpeg.Length));
            }
        }

        Assert.Equal(10, frames.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (ulong)i), frames.Select(f => f.Sequence));
        Assert.All(frames, f => Assert.Equal((320, 240, false), (f.Width, f.Height, f.SequenceFromDevice)));
        Assert.DoesNotContain(frames, f => f.IsRepeat);
        Assert.Equal(DeviceHealthState.Down, source.Health.State);
        Assert.Contains("ended", source.Health.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_looping_file_goes_on_past_its_end()
    {
        using var video = TestVideo.Write(frames: 5);
        await using var source = Source(video.Path, loop: true);
        await using var collector = new FrameCollector(source);

        await Eventually.True(() => collector.Frames.Count >= 12, TimeSpan.FromSeconds(20), () => $"{collector.Frames.Count} frames");
        Assert.Equal(DeviceHealthState.Up, source.Health.State);
    }

    [Fact]
    public async Task Real_time_replay_follows_the_files_frame_rate()
    {
        using var video = TestVideo.Write(frames: 10, fps: 20);
        await using var source = Source(video.Path, loop: false, realTime: true);
        var started = TimeProvider.System.GetTimestamp();
        var count = 0;

        await foreach (var frame in source.ReadFramesAsync(CancellationToken.None))
        {
            frame.Dispose();
            count++;
        }

        // 10 frames at 20 fps: the last is due 450 ms after the first (a lower bound, so it cannot flake on a slow machine).
        Assert.Equal(10, count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(440));
    }

    [Fact]
    public async Task A_missing_file_is_down_with_a_reason_naming_it()
    {
        await using var source = Source("/nonexistent/belt.avi", loop: false);
        await using var collector = new FrameCollector(source);

        await Eventually.True(() => source.Health.State == DeviceHealthState.Down && source.Health.Reason.Contains("/nonexistent/belt.avi", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), () => source.Health.ToString());
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_is_down_not_a_crash()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sc-camera-test-").FullName, "not-a-video.avi");
        await File.WriteAllBytesAsync(path, new byte[4096]);
        await using var source = Source(path, loop: true);
        await using var collector = new FrameCollector(source);

        await Eventually.True(() => source.Health.State == DeviceHealthState.Down && source.Health.Reason.Contains("not-a-video.avi", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), () => source.Health.ToString());
        Assert.Empty(collector.Frames);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
