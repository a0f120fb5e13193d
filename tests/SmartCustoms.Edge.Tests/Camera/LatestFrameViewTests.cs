using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Edge.Camera;

namespace SmartCustoms.Edge.Tests.Camera;

public sealed class LatestFrameViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Has_no_frame_before_the_first_one()
    {
        var view = new LatestFrameView(new FakeTimeProvider(Start));

        Assert.Null(view.Latest);
        Assert.Equal(0, view.FramesSeen);
        Assert.Equal(0, view.FramesPerSecond);
    }

    [Fact]
    public void Keeps_its_own_copy_of_the_jpeg_after_the_frame_is_disposed()
    {
        var time = new FakeTimeProvider(Start);
        var view = new LatestFrameView(time);
        var jpeg = new byte[] { 0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9 };
        var owner = new ReleaseTracker(jpeg);
        var frame = Frame(7, jpeg, owner, time);

        using (frame)
        {
            view.Update(frame);
        }

        Assert.True(owner.Released);
        Array.Clear(jpeg); // the pool hands the buffer to someone else
        var latest = Assert.IsType<CameraSnapshot>(view.Latest);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9 }, latest.Jpeg);
        Assert.Equal(7UL, latest.Sequence);
        Assert.True(latest.SequenceFromDevice);
        Assert.Equal("camera", latest.Camera);
        Assert.Equal((1280, 720), (latest.Width, latest.Height));
        Assert.Equal(Start, latest.HostTime);
    }

    [Fact]
    public void Shows_the_latest_frame_and_counts_them()
    {
        var time = new FakeTimeProvider(Start);
        var view = new LatestFrameView(time);

        for (ulong sequence = 1; sequence <= 3; sequence++)
        {
            using var frame = Frame(sequence, [0xFF, 0xD8, (byte)sequence, 0xFF, 0xD9], null, time);
            view.Update(frame);
        }

        Assert.Equal(3UL, view.Latest!.Sequence);
        Assert.Equal(3, view.Latest.Jpeg[2]);
        Assert.Equal(3, view.FramesSeen);
    }

    [Fact]
    public void Frame_rate_is_measured_on_monotonic_time_and_drops_to_zero_after_a_stall()
    {
        var time = new FakeTimeProvider(Start);
        var view = new LatestFrameView(time);

        // 26 frames 40 ms apart: 25 intervals in exactly 1 s.
        for (var i = 0; i < 26; i++)
        {
            using var frame = Frame((ulong)i + 1, [0xFF, 0xD8, 0xFF, 0xD9], null, time);
            view.Update(frame);
            if (i < 25)
            {
                time.Advance(TimeSpan.FromMilliseconds(40));
            }
        }

        Assert.Equal(25.0, view.FramesPerSecond, 6);
        time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(0, view.FramesPerSecond);
    }

    [Fact]
    public void Frame_rate_meter_reports_nothing_before_its_first_window_ends()
    {
        var meter = new FrameRateMeter(1000);
        meter.Count(0);
        meter.Count(500);

        Assert.Equal(0, meter.FramesPerSecondAt(600));
        meter.Count(1000);
        Assert.Equal(2.0, meter.FramesPerSecondAt(1000), 6);
        Assert.Equal(3, meter.Frames);
    }

    private static CameraFrame Frame(ulong sequence, byte[] jpeg, IDisposable? owner, TimeProvider time) =>
        new("camera", sequence, sequenceFromDevice: true, deviceTime: null, hostTime: time.GetUtcNow(), hostTimestamp: time.GetTimestamp(),
            width: 1280, height: 720, jpeg: jpeg, pixels: null, isRepeat: false, owner: owner);

    private sealed class ReleaseTracker(byte[] buffer) : IDisposable
    {
        public bool Released { get; private set; }

        public byte[] Buffer { get; } = buffer;

        public void Dispose() => Released = true;
    }
}
