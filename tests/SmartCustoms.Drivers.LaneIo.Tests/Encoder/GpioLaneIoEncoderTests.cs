using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Encoder;

public class GpioLaneIoEncoderTests
{
    [Fact]
    public async Task A_pulse_train_at_5_m_per_s_through_the_gpio_controller_reads_5_m_per_s()
    {
        await using var rig = new LaneIoRig();
        Assert.True(rig.LaneIo.HasEncoder);
        rig.Drive(LaneIoRig.EncoderPin, high: false); // start low so the first pulse is a rising edge

        // 5 m/s × 100 pulses/m = 500 pulses/s: one pulse every 2 ms of fake time, for 2 s.
        for (var i = 0; i < 1000; i++)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(2));
            rig.Driver.Pulse(LaneIoRig.EncoderPin);
        }

        var reading = rig.LaneIo.ReadEncoder();
        Assert.Equal(1000, reading.PulseCount);
        Assert.Equal(500, reading.PulsesInWindow);
        Assert.Equal(TimeSpan.FromSeconds(1), reading.Window);
        Assert.Equal(5.0, reading.BeltSpeedMetresPerSecond, precision: 6);
    }

    [Fact]
    public async Task Only_rising_edges_count_and_with_active_low_wiring_the_falling_edge_is_the_pulse()
    {
        await using var rig = new LaneIoRig(o => o.ActiveLow.EncoderA = true);
        rig.Drive(LaneIoRig.EncoderPin, high: true);
        rig.Drive(LaneIoRig.EncoderPin, high: false);
        rig.Drive(LaneIoRig.EncoderPin, high: true);
        rig.Drive(LaneIoRig.EncoderPin, high: true);
        rig.Drive(LaneIoRig.EncoderPin, high: false);

        Assert.Equal(2, rig.LaneIo.ReadEncoder().PulseCount);
    }

    [Fact]
    public async Task Without_an_encoder_pin_the_speed_is_zero_and_no_encoder_is_reported()
    {
        await using var rig = new LaneIoRig(o => o.Pins.EncoderA = null);
        Assert.False(rig.LaneIo.HasEncoder);
        var reading = rig.LaneIo.ReadEncoder();
        Assert.Equal(0, reading.PulseCount);
        Assert.Equal(0, reading.BeltSpeedMetresPerSecond);
    }

    [Fact]
    public async Task The_encoder_callback_is_removed_when_the_lane_io_is_disposed()
    {
        var rig = new LaneIoRig();
        rig.Driver.Pulse(LaneIoRig.EncoderPin);
        await rig.DisposeAsync();

        Assert.False(rig.Driver.IsOpen(LaneIoRig.EncoderPin));
        Assert.Throws<ObjectDisposedException>(() => rig.LaneIo.SetStackLight(new(true, false, false, false)));
    }
}
