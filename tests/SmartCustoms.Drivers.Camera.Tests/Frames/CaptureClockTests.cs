using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Tests.Frames;

public sealed class CaptureClockTests
{
    private const long Frequency = 1_000_000_000; // ticks per second, as Stopwatch on Linux
    private static readonly DateTimeOffset Arrival = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private const long ArrivalTimestamp = 5_000 * Frequency;

    [Fact]
    public void A_frame_with_a_believable_device_time_is_placed_at_its_capture()
    {
        var clock = new CaptureClock(new CameraOptions(), Frequency);

        var (at, fromDevice) = clock.CaptureOf(Arrival.AddMilliseconds(-640), Arrival, ArrivalTimestamp, out var refused);

        Assert.Equal(ArrivalTimestamp - (640 * Frequency / 1000), at);
        Assert.True(fromDevice);
        Assert.False(refused);
    }

    [Fact]
    public void A_device_clock_slightly_ahead_is_clamped_to_arrival()
    {
        var clock = new CaptureClock(new CameraOptions(), Frequency);

        var (at, fromDevice) = clock.CaptureOf(Arrival.AddMilliseconds(50), Arrival, ArrivalTimestamp, out var refused);

        Assert.Equal(ArrivalTimestamp, at);
        Assert.True(fromDevice);
        Assert.False(refused);
    }

    [Theory]
    [InlineData(500)] // the camera's clock is ahead: a capture in the future
    [InlineData(-7_000)] // older than MaxCaptureAge: a clock error, not a late frame
    public void An_unbelievable_device_time_falls_back_to_arrival_minus_the_latency_and_is_reported(int deviceMinusArrivalMs)
    {
        var clock = new CaptureClock(new CameraOptions { CaptureLatency = TimeSpan.FromMilliseconds(80) }, Frequency);

        var (at, fromDevice) = clock.CaptureOf(Arrival.AddMilliseconds(deviceMinusArrivalMs), Arrival, ArrivalTimestamp, out var refused);

        Assert.Equal(ArrivalTimestamp - (80 * Frequency / 1000), at);
        Assert.False(fromDevice);
        Assert.True(refused);
    }

    [Fact]
    public void Without_a_device_time_the_configured_latency_is_taken_off_the_arrival()
    {
        var clock = new CaptureClock(new CameraOptions { CaptureLatency = TimeSpan.FromMilliseconds(120) }, Frequency);

        var (at, fromDevice) = clock.CaptureOf(null, Arrival, ArrivalTimestamp, out var refused);

        Assert.Equal(ArrivalTimestamp - (120 * Frequency / 1000), at);
        Assert.False(fromDevice);
        Assert.False(refused);
    }

    [Fact]
    public void Device_times_can_be_ignored()
    {
        var clock = new CaptureClock(new CameraOptions { UseDeviceTimestamps = false }, Frequency);

        var (at, fromDevice) = clock.CaptureOf(Arrival.AddMilliseconds(-640), Arrival, ArrivalTimestamp, out var refused);

        Assert.Equal(ArrivalTimestamp, at);
        Assert.False(fromDevice);
        Assert.False(refused);
    }
}
