using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Lane;

/// <summary>The facade end to end on a fake clock: observations in, events out.</summary>
public sealed class LaneCoreTests
{
    private static TestLane StartedLane(Action<VerdictOptions>? verdicts = null)
    {
        var lane = new TestLane(verdicts: verdicts);
        lane.SamplerReady();
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        return lane;
    }

    [Fact]
    public void Start_lot_publishes_the_declaration_and_the_sampling_plan()
    {
        var lane = StartedLane();
        lane.Collect();
        var started = Assert.Single(lane.OfType(LaneEventTypes.Lot, "started"));
        var lot = (LotSnapshot)started.Data;
        Assert.Equal("LOT-1", started.LotId);
        Assert.Equal("Pilbara Blend fines", lot.Declaration.DeclaredBrand);
        Assert.Equal(25, lot.Plan!.Increments);
        Assert.Equal(400, lot.Plan.MassIntervalTonnes, 9);
        Assert.Equal(LotVerdictLevel.Clear, lot.Verdict.Level);
    }

    [Fact]
    public void A_contaminated_item_gives_a_contaminated_segment_an_alarm_and_a_suspect_lot()
    {
        var lane = StartedLane();
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "wood", 0.9, 15, 40));
        lane.Run(5, 7);

        var segment = (SegmentReport)lane.OfType(LaneEventTypes.Segment).Single(e => ((SegmentReport)e.Data).Number == 0).Data;
        Assert.Equal(SegmentVerdict.Contaminated, segment.Verdict);
        Assert.Equal("LOT-1", segment.LotId);
        Assert.Single(segment.EvidenceIds.ContaminantDetections);

        var verdict = (LotSnapshot)lane.OfType(LaneEventTypes.Lot, "verdict").Last().Data;
        Assert.Equal(LotVerdictLevel.Suspect, verdict.Verdict.Level);
        Assert.Equal(1, verdict.ContaminatedSegments);
        Assert.Equal(1, verdict.ItemsByMaterial["wood"]);

        var alarm = Assert.Single(lane.Core.GetSnapshot().OpenAlarms, a => a.Type == AlarmType.Contamination);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal(new StackLightState(StackLightColor.Red, true), lane.Core.StackLight);
    }

    [Fact]
    public void Each_segment_is_judged_once_and_a_clean_run_stays_clear()
    {
        var lane = StartedLane();
        lane.Run(5, 60, each: t =>
        {
            lane.Core.Observe(Observe.Ore(lane.Clock.At(t)));
        });

        var numbers = lane.OfType(LaneEventTypes.Segment).Select(e => ((SegmentReport)e.Data).Number).ToList();
        Assert.Equal(numbers.Distinct().Count(), numbers.Count);
        // P(60) = 300 m; a segment is judged once tail + 22 m + 0.5 m ≤ 300: segment 26 (tail 270 m) is,
        // segment 27 (tail 280 m, needs 302.5) is not yet.
        Assert.Equal(26, numbers.Max());
        Assert.All(lane.OfType(LaneEventTypes.Segment), e => Assert.Equal(SegmentVerdict.Clear, ((SegmentReport)e.Data).Verdict));
        Assert.Empty(lane.OfType(LaneEventTypes.Alarm));
        Assert.Equal(LotVerdictLevel.Clear, lane.Core.GetSnapshot().Lot!.Verdict.Level);
    }

    [Fact]
    public void The_radiation_alarm_is_raised_at_once_and_puts_the_lot_on_hold()
    {
        var lane = StartedLane();
        lane.Run(5, 2);
        lane.Core.Observe(new RadiationReading(lane.Clock.At(2), 1_800, RadiationLevel.Alarm));
        lane.Collect();
        var raised = (AlarmChange)Assert.Single(lane.OfType(LaneEventTypes.Alarm, "raised")).Data;
        Assert.Equal(AlarmType.Radiation, raised.Alarm.Type);
        Assert.Contains("1800 nSv/h", raised.Alarm.Message, StringComparison.Ordinal);
        var verdict = (LotSnapshot)lane.OfType(LaneEventTypes.Lot, "verdict").Last().Data;
        Assert.Equal(LotVerdictLevel.Hold, verdict.Verdict.Level);
        Assert.Equal("radiation-alarm", Assert.Single(verdict.Verdict.Reasons).Code);

        lane.Core.Observe(new RadiationReading(lane.Clock.At(2.1), 90, RadiationLevel.Normal));
        lane.Collect();
        Assert.Single(lane.OfType(LaneEventTypes.Alarm, "cleared"));
    }

    [Fact]
    public void A_device_down_during_a_lot_raises_an_alarm_and_back_up_clears_it()
    {
        var lane = new TestLane();
        var since = lane.Clock.Time.GetUtcNow();
        // Down before any lot: no alarm yet; it is raised when the lot starts.
        lane.Core.ReportDeviceHealth(new DeviceHealth("nir", DeviceHealthState.Down, "connection refused", since));
        Assert.Empty(lane.Core.DrainEvents());
        lane.Core.StartLot(TestLane.Declaration());
        var alarm = Assert.Single(lane.Core.GetSnapshot().OpenAlarms);
        Assert.Equal(AlarmType.DeviceDown, alarm.Type);
        Assert.Contains("nir is down during lot LOT-1: connection refused", alarm.Message, StringComparison.Ordinal);

        lane.Core.ReportDeviceHealth(new DeviceHealth("nir", DeviceHealthState.Up, "", since));
        Assert.True(lane.Core.AcknowledgeAlarm(alarm.Id, "op", "restarted").Ok);
        Assert.Empty(lane.Core.GetSnapshot().OpenAlarms);
    }

    [Fact]
    public void A_brand_mismatch_is_published_as_its_own_finding_with_an_alarm()
    {
        var lane = StartedLane(v => v.BrandMinOreSpectra = 50);
        lane.Run(5, 3, step: 0.05, each: t => lane.Core.Observe(Observe.Ore(lane.Clock.At(t), "magnetite")));

        var finding = (BrandConformity)Assert.Single(lane.OfType(LaneEventTypes.Brand, "finding")).Data;
        Assert.Equal(BrandConformityState.Mismatch, finding.State);
        Assert.Equal(50, finding.OreSpectra);
        Assert.Contains(lane.Core.GetSnapshot().OpenAlarms, a => a.Type == AlarmType.BrandMismatch);
        var verdict = (LotSnapshot)lane.OfType(LaneEventTypes.Lot, "verdict").Last().Data;
        Assert.Contains(verdict.Verdict.Reasons, r => r.Code == "brand-mismatch");
    }

    [Fact]
    public void Segments_still_on_the_belt_at_end_lot_count_into_that_lot()
    {
        var lane = StartedLane();
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "rubber", 0.9, 15, 40));
        Assert.True(lane.Core.EndLot("LOT-1").Ok);
        lane.Run(5, 7);

        Assert.Single(lane.OfType(LaneEventTypes.Lot, "ended"));
        var lot = lane.Core.FindLot("LOT-1")!;
        Assert.NotNull(lot.EndedAt);
        Assert.Equal(1, lot.ContaminatedSegments);
        Assert.Equal(LotVerdictLevel.Suspect, lot.Verdict.Level);
    }

    [Fact]
    public void Lot_tonnes_come_from_the_totaliser_delta()
    {
        var lane = new TestLane();
        lane.Totaliser = 12_345;
        lane.Core.StartLot(TestLane.Declaration());
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, 36);     // 8,000 t/h for 36 s = 80 t
        Assert.Equal(80, lane.Core.GetSnapshot().Lot!.Tonnes, 0);
    }

    [Fact]
    public void Observations_without_belt_history_are_dropped_and_counted()
    {
        var lane = new TestLane();
        Assert.Equal(ObservationPlacement.Dropped, lane.Core.Observe(Observe.Ore(lane.Clock.At(0))));
        Assert.Equal(1, lane.Core.GetSnapshot().Counters.DroppedObservations);
    }

    [Fact]
    public void Command_errors_come_back_as_results()
    {
        var lane = new TestLane();
        Assert.Equal("no lot is open", lane.Core.EndLot(null).Error);
        Assert.Contains("declaredMassTonnes", lane.Core.StartLot(TestLane.Declaration(massTonnes: 0)).Error, StringComparison.Ordinal);
        Assert.Contains("no alarm", lane.Core.AcknowledgeAlarm("nope", "op", null).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Segments_on_the_sensors_when_a_lot_starts_join_that_lot()
    {
        var lane = new TestLane();
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, 5);     // P = 25: segment 0 (coordinates 0..10) is under the sensors, opened without a lot
        lane.Core.StartLot(TestLane.Declaration());
        lane.Run(5, 7);
        var segment0 = (SegmentReport)lane.OfType(LaneEventTypes.Segment).Single(e => ((SegmentReport)e.Data).Number == 0).Data;
        Assert.Equal("LOT-1", segment0.LotId);
        var before = (SegmentReport)lane.OfType(LaneEventTypes.Segment).Single(e => ((SegmentReport)e.Data).Number == -1).Data;
        Assert.Null(before.LotId);
    }
}
