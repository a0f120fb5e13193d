using SmartCustoms.Drivers.LaneIo.Simulation;
using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Encoder;

public class SimulatedLaneSignalsTests
{
    [Fact]
    public async Task The_pulse_train_for_a_set_belt_speed_reads_back_as_that_speed()
    {
        await using var rig = new LaneIoRig(o => o.ActiveLow.EncoderA = true);
        var lane = new SimulatedLaneSignals(rig.Driver, rig.Options, rig.Time);
        lane.SetBeltSpeed(4.0);
        lane.Apply();

        // 2 s of 10 ms ticks at 4 m/s × 100 pulses/m: 4 pulses per tick.
        for (var i = 0; i < 200; i++)
        {
            rig.Time.Advance(SimulatedLaneSignals.TickInterval);
            lane.Tick();
        }

        var reading = rig.LaneIo.ReadEncoder();
        Assert.Equal(800, lane.PulsesEmitted);
        Assert.Equal(800, reading.PulseCount);
        Assert.Equal(4.0, reading.BeltSpeedMetresPerSecond, precision: 6);
    }

    [Fact]
    public async Task Toggles_reach_the_lane_io_through_the_configured_wiring()
    {
        await using var rig = new LaneIoRig(o => o.ActiveLow.BeltRunning = true);
        var lane = new SimulatedLaneSignals(rig.Driver, rig.Options, rig.Time);
        lane.Apply();
        rig.Run(10);
        Assert.True(rig.LaneIo.Inputs.BeltRunning);
        Assert.False(rig.LaneIo.Inputs.EStopActive);

        lane.SetBeltRunning(false);
        lane.SetEStop(true);
        rig.Run(10);
        Assert.False(rig.LaneIo.Inputs.BeltRunning);
        Assert.True(rig.LaneIo.Inputs.EStopActive);

        // A stopped belt plays no pulses.
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, lane.Tick());
    }

    [Fact]
    public void A_long_stall_is_not_caught_up_in_one_burst()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var options = LaneIoRig.Default();
        var lane = new SimulatedLaneSignals(new SimulatedGpioDriver(), options, time);
        lane.SetBeltSpeed(5.0);

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(50, lane.Tick()); // 100 ms of belt at 500 pulses/s
    }
}
