using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Camera.Mjpeg;
using SmartCustoms.Drivers.Camera.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Camera.Tests.Mjpeg;

/// <summary>The MJPEG driver against a real HTTP server on a free loopback port.</summary>
public sealed class MjpegFrameSourceTests
{
    private static readonly byte[][] Images = TestImages.Jpegs(8, 320, 240);

    private static MjpegFrameSource Source(MjpegTestServer server, Action<CameraOptions>? configure = null)
    {
        var options = new CameraOptions { Url = server.StreamUri.ToString(), DecodePixels = true };
        configure?.Invoke(options);
        return new MjpegFrameSource(options, TimeProvider.System, NullLogger<MjpegFrameSource>.Instance);
    }

    [Fact]
    public async Task Frames_arrive_in_order_with_device_sequence_numbers_timestamps_and_pixels()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        await using (var collector = new FrameCollector(source))
        {
            await Eventually.True(() => collector.Frames.Count >= 15, TimeSpan.FromSeconds(10), () => $"{collector.Frames.Count} frames, health {source.Health}");
        }

        var frames = source.Counters;
        Assert.True(frames.Received >= 15);
        Assert.Equal(0, frames.Dropped);
        Assert.Equal(0, frames.Corrupt);
        Assert.Equal(DeviceHealthState.Up, source.Health.State);
    }

    [Fact]
    public async Task Sequence_numbers_are_consecutive_and_stamped()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        var collector = new FrameCollector(source);
        await Eventually.True(() => collector.Frames.Count >= 10, TimeSpan.FromSeconds(10), () => $"{collector.Frames.Count} frames");
        await collector.DisposeAsync();

        var frames = collector.Frames;
        Assert.All(frames, f => Assert.True(f.SequenceFromDevice));
        Assert.All(frames, f => Assert.NotNull(f.DeviceTime));
        // Placed by the camera's capture time (X-Frame-Timestamp), which is never after the frame's arrival.
        Assert.All(frames, f => Assert.True(f.CaptureTimeFromDevice && f.CaptureTimestamp <= f.HostTimestamp, $"capture {f.CaptureTimestamp}, arrival {f.HostTimestamp}"));
        Assert.All(frames, f => Assert.Equal((320, 240, true), (f.Width, f.Height, f.HasPixels)));
        for (var i = 1; i < frames.Count; i++)
        {
            Assert.Equal(frames[i - 1].Sequence + 1, frames[i].Sequence);
        }
    }

    [Fact]
    public async Task Server_stops_camera_down_within_3_s_server_back_camera_up_within_5_s()
    {
        var server = await MjpegTestServer.StartAsync(Images);
        var port = server.Port;
        await using var source = Source(server);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());

        await server.DisposeAsync();
        var down = await Eventually.True(() => source.Health.State == DeviceHealthState.Down, TimeSpan.FromSeconds(3), () => source.Health.ToString());
        Assert.NotEmpty(source.Health.Reason);

        await using var again = await MjpegTestServer.StartAsync(Images, port);
        var before = collector.Frames.Count;
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());
        await Eventually.True(() => collector.Frames.Count > before, TimeSpan.FromSeconds(2), () => "no frames after recovery");
        Assert.True(source.Counters.Reconnects >= 2);
        Assert.True(down < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_stalled_stream_is_down_within_3_s_and_up_again_when_it_moves()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());

        server.Mode = StreamMode.Stall;
        await Eventually.True(() => source.Health.State == DeviceHealthState.Down, TimeSpan.FromSeconds(3), () => source.Health.ToString());
        Assert.Contains("no frame for", source.Health.Reason, StringComparison.Ordinal);

        server.Mode = StreamMode.Normal;
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());
    }

    [Fact]
    public async Task Garbage_is_a_protocol_error_down_within_3_s_and_up_again_after()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());

        server.Mode = StreamMode.Garbage;
        await Eventually.True(() => source.Health.State == DeviceHealthState.Down, TimeSpan.FromSeconds(3), () => source.Health.ToString());
        Assert.Contains("bad MJPEG stream", source.Health.Reason, StringComparison.Ordinal);
        Assert.True(source.Counters.ProtocolErrors >= 1);

        server.Mode = StreamMode.Normal;
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());
    }

    [Fact]
    public async Task Corrupt_JPEGs_are_counted_and_skipped_without_dropping_the_stream()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => collector.Frames.Count >= 3, TimeSpan.FromSeconds(5), () => $"{collector.Frames.Count} frames");

        server.CorruptNext(3);
        await Eventually.True(() => source.Counters.Corrupt == 3, TimeSpan.FromSeconds(5), () => source.Counters.ToString());
        var after = collector.Frames.Count;
        await Eventually.True(() => collector.Frames.Count > after + 3, TimeSpan.FromSeconds(5), () => "frames stopped after corrupt ones");

        Assert.Equal(0, source.Counters.Reconnects);
        Assert.Equal(DeviceHealthState.Up, source.Health.State);
    }

    [Fact]
    public async Task A_frozen_image_degrades_health_and_a_moving_one_restores_it()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server, o => o.FrozenFrameCount = 5);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());

        server.Mode = StreamMode.Frozen;
        await Eventually.True(() => source.Health.State == DeviceHealthState.Degraded, TimeSpan.FromSeconds(5), () => source.Health.ToString());
        Assert.Equal("frozen image for 5 frames", source.Health.Reason);
        Assert.Contains(collector.Frames, f => f.IsRepeat);

        server.Mode = StreamMode.Normal;
        await Eventually.True(() => source.Health.State == DeviceHealthState.Up, TimeSpan.FromSeconds(5), () => source.Health.ToString());
        Assert.True(source.Counters.Frozen >= 1);
    }

    [Fact]
    public async Task Gaps_in_the_cameras_sequence_count_as_dropped_frames()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => collector.Frames.Count >= 3, TimeSpan.FromSeconds(5), () => $"{collector.Frames.Count} frames");

        server.SkipSequenceNumbers(5);
        await Eventually.True(() => source.Counters.Dropped == 5, TimeSpan.FromSeconds(5), () => source.Counters.ToString());
    }

    [Fact]
    public async Task A_camera_with_a_quoted_boundary_and_no_Content_Length_is_read()
    {
        await using var server = await MjpegTestServer.StartAsync(Images, quotedBoundaryWithoutLengths: true);
        await using var source = Source(server);
        await using var collector = new FrameCollector(source);

        await Eventually.True(() => collector.Frames.Count >= 10, TimeSpan.FromSeconds(10), () => $"{collector.Frames.Count} frames, {source.Health}");
        Assert.Equal(0, source.Counters.Corrupt);
    }

    [Fact]
    public async Task A_snapshot_is_fetched_as_a_checked_frame()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);

        using var frame = await source.FetchSnapshotAsync(CancellationToken.None);

        Assert.Equal((320, 240, 99UL), (frame.Width, frame.Height, frame.Sequence));
        Assert.Equal(Images[0], frame.Jpeg.ToArray());
        Assert.NotNull(frame.Pixels);
    }

    [Fact]
    public async Task A_snapshot_from_a_dead_camera_is_a_device_exception()
    {
        var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        await server.DisposeAsync();

        await Assert.ThrowsAnyAsync<DeviceException>(() => source.FetchSnapshotAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_reader_at_the_same_time_is_refused()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server);
        await using var collector = new FrameCollector(source);
        await Eventually.True(() => collector.Frames.Count >= 1, TimeSpan.FromSeconds(5), () => "no frames");

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var frame in source.ReadFramesAsync(CancellationToken.None))
            {
                frame.Dispose();
            }
        });
    }

    [Fact]
    public async Task A_slow_consumer_is_not_taken_for_a_stalled_camera()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        await using var source = Source(server, o => o.StallTimeout = TimeSpan.FromMilliseconds(300));
        var seen = 0;

        await foreach (var frame in source.ReadFramesAsync(CancellationToken.None))
        {
            using (frame)
            {
                // Holding each frame longer than the stall timeout models slow processing, not a wait for a condition.
                await Task.Delay(500);
                if (++seen == 3)
                {
                    break;
                }
            }
        }

        Assert.Equal(0, source.Counters.Reconnects);
        Assert.Equal(DeviceHealthState.Up, source.Health.State);
    }

    [Fact]
    public async Task Disposing_the_source_ends_a_running_enumeration_quietly()
    {
        await using var server = await MjpegTestServer.StartAsync(Images);
        var source = Source(server);
        var collector = new FrameCollector(source);
        await Eventually.True(() => collector.Frames.Count >= 3, TimeSpan.FromSeconds(5), () => $"{collector.Frames.Count} frames");

        await source.DisposeAsync();

        await collector.Reading.WaitAsync(TimeSpan.FromSeconds(5)); // ends by itself, without an exception
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            await foreach (var frame in source.ReadFramesAsync(CancellationToken.None))
            {
                frame.Dispose();
            }
        });
        await collector.DisposeAsync();
    }

    [Fact]
    public async Task A_camera_that_is_not_there_is_down_with_a_reason()
    {
        var server = await MjpegTestServer.StartAsync(Images);
        var uri = server.StreamUri;
        await server.DisposeAsync();
        await using var source = new MjpegFrameSource(new CameraOptions { Url = uri.ToString() }, TimeProvider.System, NullLogger<MjpegFrameSource>.Instance);
        await using var collector = new FrameCollector(source);

        await Eventually.True(() => source.Health.State == DeviceHealthState.Down && source.Health.Reason.Contains("cannot reach", StringComparison.Ordinal),
            TimeSpan.FromSeconds(3), () => source.Health.ToString());
    }
}
