using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Inputs;

public class GpioLaneIoInputTests
{
    [Fact]
    public async Task Belt_running_that_bounces_within_the_debounce_window_raises_one_change()
    {
        await using var rig = new LaneIoRig();
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Drive(LaneIoRig.BeltPin, high: false);
        rig.Run(10);
        rig.Changes.Clear();

        // The contactor bounces for 15 ms (3 samples), then stays closed.
        var settledAt = 0L;
        foreach (var high in new[] { true, false, true, false, true })
        {
            rig.Drive(LaneIoRig.BeltPin, high);
            settledAt = rig.Time.GetTimestamp();
            rig.Run(1);
        }

        rig.Run(10);

        var change = Assert.Single(rig.Changes);
        Assert.Equal(LaneInput.BeltRunning, change.Input);
        Assert.True(change.Active);
        Assert.False(change.FailSafe);
        Assert.Equal(settledAt, change.Timestamp);
        Assert.True(rig.LaneIo.Inputs.BeltRunning);
        Assert.Equal(settledAt, rig.LaneIo.Inputs.BeltRunningSince);
    }

    [Fact]
    public async Task Active_low_belt_running_reads_running_on_a_low_level()
    {
        await using var rig = new LaneIoRig(o => o.ActiveLow.BeltRunning = true);
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Drive(LaneIoRig.BeltPin, high: true);
        rig.Run(10);
        Assert.False(rig.LaneIo.Inputs.BeltRunning);

        rig.Drive(LaneIoRig.BeltPin, high: false);
        rig.Run(10);
        Assert.True(rig.LaneIo.Inputs.BeltRunning);
    }

    [Fact]
    public async Task The_e_stop_reads_active_until_it_has_been_seen_released_for_the_debounce_time()
    {
        await using var rig = new LaneIoRig();
        Assert.True(rig.LaneIo.Inputs.EStopActive);

        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Run(4);
        Assert.True(rig.LaneIo.Inputs.EStopActive);
        rig.Run(2);
        Assert.False(rig.LaneIo.Inputs.EStopActive);
        Assert.False(rig.LaneIo.Inputs.EStopFailSafe);

        // Pressed: active at the very next sample, no debounce delay.
        rig.Changes.Clear();
        rig.Drive(LaneIoRig.EStopPin, high: true);
        rig.Run(1);
        var change = Assert.Single(rig.Changes);
        Assert.Equal(LaneInput.EStop, change.Input);
        Assert.True(change.Active);
        Assert.True(rig.LaneIo.Inputs.EStopActive);
    }

    [Fact]
    public async Task With_the_default_pull_up_a_broken_e_stop_wire_reads_active()
    {
        await using var rig = new LaneIoRig();
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Run(10);
        Assert.False(rig.LaneIo.Inputs.EStopActive);

        // Nothing drives the line any more: the pull-up takes it high.
        rig.Driver.ReleaseInput(LaneIoRig.EStopPin);
        rig.Run(1);
        Assert.True(rig.LaneIo.Inputs.EStopActive);
    }

    [Fact]
    public async Task An_e_stop_pin_that_cannot_be_opened_counts_as_active_and_marks_the_device_down_naming_the_pin()
    {
        await using var rig = new LaneIoRig(open: false);
        rig.Driver.FailOpen(LaneIoRig.EStopPin, "line busy");
        rig.LaneIo.Open();
        rig.Run(10);

        Assert.True(rig.LaneIo.Inputs.EStopActive);
        Assert.True(rig.LaneIo.Inputs.EStopFailSafe);
        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);
        Assert.Contains("EStop pin 6", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
        Assert.Contains("line busy", rig.LaneIo.Health.Reason, StringComparison.Ordinal);

        // The other inputs keep working.
        rig.Drive(LaneIoRig.BeltPin, high: true);
        rig.Run(10);
        Assert.True(rig.LaneIo.Inputs.BeltRunning);
    }

    [Fact]
    public async Task An_e_stop_that_stops_answering_goes_active_at_once_and_recovers_when_it_answers_released()
    {
        await using var rig = new LaneIoRig();
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Run(10);
        Assert.False(rig.LaneIo.Inputs.EStopActive);
        rig.Changes.Clear();

        rig.Driver.FailReads(LaneIoRig.EStopPin, "I/O error");
        rig.Run(1);
        var change = Assert.Single(rig.Changes);
        Assert.True(change.Active);
        Assert.True(change.FailSafe);
        Assert.True(rig.LaneIo.Inputs.EStopFailSafe);
        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);
        Assert.Contains("EStop pin 6 could not be read", rig.LaneIo.Health.Reason, StringComparison.Ordinal);

        rig.Driver.FailReads(LaneIoRig.EStopPin, null);
        rig.Run(10);
        Assert.False(rig.LaneIo.Inputs.EStopActive);
        Assert.False(rig.LaneIo.Inputs.EStopFailSafe);
        Assert.Equal(DeviceHealthState.Up, rig.LaneIo.Health.State);
    }

    [Fact]
    public async Task When_disabled_nothing_is_opened_the_device_is_down_and_the_e_stop_reads_fail_safe()
    {
        await using var rig = new LaneIoRig(o => o.Enabled = false);
        rig.Run(5);

        Assert.False(rig.Driver.IsOpen(LaneIoRig.EStopPin));
        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);
        Assert.Contains("Devices:LaneIo:Enabled", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
        Assert.True(rig.LaneIo.Inputs.EStopActive);
    }

    [Fact]
    public async Task A_subscriber_that_throws_does_not_keep_the_change_from_the_others_nor_stop_sampling()
    {
        var rig = new LaneIoRig(open: false);
        await using var _ = rig;
        var received = new List<LaneInputChange>();
        rig.LaneIo.InputChanged += (_, _) => throw new InvalidOperationException("bad subscriber");
        rig.LaneIo.InputChanged += (_, change) => received.Add(change);
        rig.LaneIo.Open();

        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Run(10);
        rig.Drive(LaneIoRig.EStopPin, high: true);
        rig.Run(1);

        Assert.Equal([false, true], received.Where(c => c.Input == LaneInput.EStop).Select(c => c.Active));
    }
}
