using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Mode;

/// <summary>set-mode run/maintenance: what maintenance refuses, suppresses and still does, and that run restores it.</summary>
public sealed class LaneModeTests
{
    private static TestLane Lane()
    {
        var lane = new TestLane();
        lane.SamplerReady();
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        return lane;
    }

    [Fact]
    public void The_lane_starts_in_run_and_maintenance_is_refused_while_a_lot_is_open()
    {
        var lane = Lane();
        Assert.Equal(LaneMode.Run, lane.Core.Mode);
        Assert.Null(lane.Core.ModeChange);
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);

        var refused = lane.Core.SetMode(LaneMode.Maintenance, "tech", "belt splice");

        Assert.False(refused.Ok);
        Assert.Equal("lot LOT-1 is open: end the lot first (end-lot), then switch the lane to maintenance", refused.Error);
        Assert.Equal(LaneMode.Run, lane.Core.Mode);
        Assert.Equal(LaneMode.Run, lane.Core.GetSnapshot().Mode);
    }

    [Fact]
    public void In_maintenance_start_lot_is_refused_and_back_in_run_it_starts()
    {
        var lane = Lane();
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", "belt splice").Ok);
        var snapshot = lane.Core.GetSnapshot();
        Assert.Equal(LaneMode.Maintenance, snapshot.Mode);
        Assert.Equal("tech", snapshot.ModeChange!.By);
        Assert.Equal("belt splice", snapshot.ModeChange.Note);

        var refused = lane.Core.StartLot(TestLane.Declaration());
        Assert.False(refused.Ok);
        Assert.StartsWith("the lane is in maintenance: no lot can start", refused.Error, StringComparison.Ordinal);
        Assert.Null(lane.Core.GetSnapshot().Lot);
        // Setting the mode it is already in changes nothing and is not an error.
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", null).Ok);

        Assert.True(lane.Core.SetMode(LaneMode.Run, "tech", "done").Ok);
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        Assert.Equal(LaneMode.Run, lane.Core.GetSnapshot().Mode);
    }

    [Fact]
    public void In_maintenance_a_contaminated_segment_is_judged_but_plans_no_cut_and_raises_no_alarm()
    {
        var lane = Lane();
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", "camera test piece").Ok);
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "wood", 0.9, 15, 40));
        lane.Run(5, 20);

        var segment = (SegmentReport)lane.OfType(LaneEventTypes.Segment).First(e => ((SegmentReport)e.Data).Number == 0).Data;
        Assert.Equal(SegmentVerdict.Contaminated, segment.Verdict);
        Assert.Empty(lane.OfType(LaneEventTypes.Increment));
        Assert.Empty(lane.Commands);
        Assert.Empty(lane.OfType(LaneEventTypes.Alarm));
        Assert.Equal(StackLightColor.Green, lane.Core.StackLight.Color);
    }

    [Fact]
    public void In_maintenance_the_radiation_alarm_is_still_raised()
    {
        var lane = Lane();
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", null).Ok);
        lane.Run(5, 2);
        lane.Core.Observe(new RadiationReading(lane.Clock.At(2), 1_800, RadiationLevel.Alarm));
        lane.Collect();

        var raised = (AlarmChange)Assert.Single(lane.OfType(LaneEventTypes.Alarm, "raised")).Data;
        Assert.Equal(AlarmType.Radiation, raised.Alarm.Type);
        Assert.Equal(new StackLightState(StackLightColor.Red, true), lane.Core.StackLight);
    }

    [Fact]
    public void Devices_down_in_maintenance_raise_nothing_until_a_lot_starts_back_in_run()
    {
        var lane = Lane();
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", null).Ok);
        lane.Core.ReportDeviceHealth(new DeviceHealth("camera", DeviceHealthState.Down, "unplugged", lane.Clock.Time.GetUtcNow()));
        lane.Collect();
        Assert.Empty(lane.OfType(LaneEventTypes.Alarm));

        Assert.True(lane.Core.SetMode(LaneMode.Run, "tech", null).Ok);
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        var alarm = Assert.Single(lane.Core.GetSnapshot().OpenAlarms);
        Assert.Equal(AlarmType.DeviceDown, alarm.Type);
    }

    [Fact]
    public void A_manual_test_cut_is_commanded_without_a_lot_and_a_refused_one_raises_no_alarm()
    {
        var lane = Lane();
        // In run without a lot a manual cut is refused as before.
        Assert.False(lane.Core.RequestIncrement("test").Ok);
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", null).Ok);

        Assert.True(lane.Core.RequestIncrement("sampler test").Ok);
        lane.Collect();
        var command = Assert.Single(lane.Commands);
        Assert.Null(command.LotId);
        Assert.Equal(IncrementReason.Manual, command.Reason);
        var commanded = (IncrementRecord)Assert.Single(lane.OfType(LaneEventTypes.Increment, "commanded")).Data;
        Assert.Null(commanded.LotId);

        lane.Core.ReportSampler(new SamplerStatus(false, false, "guard open"));
        var refused = lane.Core.RequestIncrement("second test");
        Assert.False(refused.Ok);
        Assert.Contains("guard open", refused.Error, StringComparison.Ordinal);
        lane.Collect();
        Assert.Single(lane.OfType(LaneEventTypes.Increment, "refused"));
        Assert.Empty(lane.OfType(LaneEventTypes.Alarm));

        // Back in run the lot rule applies again.
        Assert.True(lane.Core.SetMode(LaneMode.Run, "tech", null).Ok);
        lane.SamplerReady();
        Assert.False(lane.Core.RequestIncrement("test").Ok);
    }

    [Fact]
    public void A_cut_still_planned_for_the_ended_lot_is_refused_when_the_lane_goes_to_maintenance()
    {
        var lane = Lane();
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "wood", 0.9, 15, 40));
        lane.Run(5, 6);
        var planned = (IncrementRecord)Assert.Single(lane.OfType(LaneEventTypes.Increment, "planned")).Data;
        Assert.Equal(IncrementReason.Triggered, planned.Reason);
        Assert.True(lane.Core.EndLot(null).Ok);

        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", null).Ok);
        lane.Run(5, 20);

        var refused = (IncrementRecord)Assert.Single(lane.OfType(LaneEventTypes.Increment, "refused")).Data;
        Assert.Equal(planned.Id, refused.Id);
        Assert.Contains("lane switched to maintenance", refused.Note, StringComparison.Ordinal);
        Assert.Empty(lane.Commands);
        // The lot lost a sample: that alarm is raised (the lane was still in run when it was lost).
        Assert.Contains(lane.Core.GetSnapshot().OpenAlarms, a => a.Type == AlarmType.MissedIncrement && a.LotId == "LOT-1");
    }

    [Fact]
    public void A_segment_of_the_ended_lot_judged_in_maintenance_still_alarms_for_that_lot_but_is_not_cut()
    {
        var lane = Lane();
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Run(5, 5);
        Assert.True(lane.Core.EndLot(null).Ok);
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", null).Ok);

        // Material of the lot still passing the camera after the switch.
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "wood", 0.9, 15, 40));
        lane.Run(5, 20);

        var segment = (SegmentReport)lane.OfType(LaneEventTypes.Segment).First(e => ((SegmentReport)e.Data).Number == 0).Data;
        Assert.Equal("LOT-1", segment.LotId);
        Assert.Equal(SegmentVerdict.Contaminated, segment.Verdict);
        var alarm = Assert.Single(lane.Core.GetSnapshot().OpenAlarms);
        Assert.Equal(AlarmType.Contamination, alarm.Type);
        Assert.Equal("LOT-1", alarm.LotId);
        Assert.Empty(lane.OfType(LaneEventTypes.Increment, "planned"));
        Assert.Empty(lane.Commands);
    }

    [Theory]
    [InlineData("run", true, LaneMode.Run)]
    [InlineData(" Maintenance ", true, LaneMode.Maintenance)]
    [InlineData("maint", false, LaneMode.Run)]
    [InlineData(null, false, LaneMode.Run)]
    public void Mode_names_parse_as_the_contract_spells_them(string? text, bool ok, LaneMode expected)
    {
        Assert.Equal(ok, LaneModeRules.TryParse(text, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void The_snapshot_serialises_the_mode_in_camel_case()
    {
        var lane = Lane();
        Assert.True(lane.Core.SetMode(LaneMode.Maintenance, "tech", "splice").Ok);
        var json = System.Text.Json.JsonSerializer.Serialize(lane.Core.GetSnapshot(), LaneEventJson.Options);
        Assert.Contains("\"mode\":\"maintenance\"", json, StringComparison.Ordinal);
        Assert.Contains("\"modeChange\":{\"mode\":\"maintenance\"", json, StringComparison.Ordinal);
    }
}
