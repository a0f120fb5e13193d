using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Sampling;

/// <summary>The planner through the lane core: plan points, triggered cuts, refusals, handshake.</summary>
public sealed class SamplingPlannerTests
{
    private static IncrementRecord Last(TestLane lane, string name) =>
        (IncrementRecord)lane.OfType(LaneEventTypes.Increment, name).Last().Data;

    private static void Scale(TestLane lane, double seconds, double totaliser)
    {
        lane.Clock.SetTo(seconds);
        lane.Core.RecordScale(new BeltScaleReading(lane.Clock.At(seconds), 8000, totaliser, 5));
        lane.Core.Tick();
        lane.Collect();
    }

    /// <summary>
    /// Belt at 5 m/s from t = 0 (P = 5t); a contaminated item seen by the camera at <paramref name="seenAt"/>. Early
    /// verdicts are off so the segment is judged when its tail passes the sensors: the timings below are worked out
    /// from that moment (early verdicts only give the cut more time; see LaneCoreTests).
    /// </summary>
    private static TestLane ContaminatedItemLane(double seenAt, Action<LaneGeometryOptions>? geometry = null, bool ready = true)
    {
        var lane = new TestLane(geometry, segments: s => s.EarlyVerdicts = false);
        if (ready)
        {
            lane.SamplerReady();
        }

        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, seenAt);
        lane.Core.Observe(Observe.Item(lane.Clock.At(seenAt), "plastic", 0.95, 12, 30));
        return lane;
    }

    [Fact]
    public void Mass_basis_increments_are_taken_as_the_lot_tonnage_passes_each_interval()
    {
        // 10,000 t, σw 0.3, βS 0.4 → precision needs 3, minimum 10 → Δm = 1,000 t.
        var lane = new TestLane(sampling: s => { s.WithinStratumStdDev = 0.3; s.Precision = 0.4; s.MinimumIncrements = 10; });
        lane.SamplerReady();
        Assert.True(lane.Core.StartLot(TestLane.Declaration(massTonnes: 10_000)).Ok);
        Scale(lane, 0, 500);          // baseline
        Scale(lane, 1, 1_499);
        Assert.Empty(lane.Commands);
        Scale(lane, 2, 1_500);
        var first = Assert.Single(lane.Commands);
        Assert.Equal(IncrementReason.Scheduled, first.Reason);
        lane.Core.ReportIncrementAcknowledged(first.IncrementId);

        // 3,100 t at 2.5 s: points 2,000 and 3,000 are both due, but each waits for the cut cycle (1 s) before.
        Scale(lane, 2.5, 3_600);
        Assert.Single(lane.Commands);
        Scale(lane, 3.05, 3_600);
        Assert.Equal(2, lane.Commands.Count);
        lane.Core.ReportIncrementAcknowledged(lane.Commands[1].IncrementId);
        Scale(lane, 3.9, 3_600);
        Assert.Equal(2, lane.Commands.Count);
        Scale(lane, 4.1, 3_600);
        Assert.Equal(3, lane.Commands.Count);
        Assert.Equal([1000.0, 2000, 3000], lane.OfType(LaneEventTypes.Increment, "planned").Select(e => ((IncrementRecord)e.Data).PlanPoint!.Value));

        lane.Core.ReportIncrementTaken(first.IncrementId, 540);
        lane.Collect();
        var taken = Last(lane, "taken");
        Assert.Equal(IncrementState.Taken, taken.State);
        Assert.Equal(540, taken.MassKg);
        Assert.True(taken.MassMeasured);
        Assert.True(taken.Acknowledged);
        Assert.Equal(1, lane.Core.GetSnapshot().Lot!.IncrementsTaken["scheduled"]);
    }

    [Fact]
    public void Planned_increments_carry_the_mass_estimate_from_the_current_flow()
    {
        var lane = new TestLane(sampling: s => { s.WithinStratumStdDev = 0.3; s.MinimumIncrements = 10; });
        lane.SamplerReady();
        lane.Core.StartLot(TestLane.Declaration(massTonnes: 10_000));
        Scale(lane, 0, 0);
        Scale(lane, 1, 1_000);
        Assert.Equal(8000 * 0.15 / (3.6 * 0.6), Last(lane, "planned").MassKg, 6);
        Assert.False(Last(lane, "planned").MassMeasured);
    }

    [Fact]
    public void Time_basis_increments_count_only_running_belt_time()
    {
        // 100 t, q_max 8,000 t/h, n1 = 10 → Δt = 3600·100/(8000·10) = 4.5 s.
        var lane = new TestLane(sampling: s => { s.Scheme = SamplingScheme.TimeSystematic; s.WithinStratumStdDev = 0.3; s.MinimumIncrements = 10; });
        lane.SamplerReady();
        lane.Core.StartLot(TestLane.Declaration(massTonnes: 100));
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, 4.4);
        Assert.Empty(lane.Commands);
        // Stopped for 10 s: no time counted.
        lane.Run(0, 14.4);
        Assert.Empty(lane.Commands);
        lane.Run(5, 15.5);
        Assert.Single(lane.Commands);
    }

    [Fact]
    public void A_triggered_increment_is_scheduled_for_when_the_hotspot_reaches_the_cutter()
    {
        // Seen at 5 s at the camera (20 m), P = 25 → coordinate 5. Segment 0 (0..10) is judged at P = 32.5
        // (t = 6.5 s); the hotspot reaches the cutter (60 m) at P = 65 → t = 13 s; the command goes out
        // decision + actuation = 0.6 s before, at 12.4 s.
        var lane = ContaminatedItemLane(5);
        lane.Run(5, 6.45);
        Assert.Empty(lane.OfType(LaneEventTypes.Increment));
        lane.Run(5, 6.55);
        var planned = Last(lane, "planned");
        Assert.Equal(IncrementReason.Triggered, planned.Reason);
        Assert.Equal(0, planned.SegmentNumber);
        Assert.Equal(5, planned.TargetMetres!.Value, 6);
        Assert.Equal(13, lane.Clock.SecondsOf(planned.PlannedTimestamp), 3);

        lane.Run(5, 12.3, step: 0.05);
        Assert.Empty(lane.Commands);
        lane.Run(5, 12.5, step: 0.05);
        var command = Assert.Single(lane.Commands);
        Assert.Equal(IncrementReason.Triggered, command.Reason);
        var commanded = Last(lane, "commanded");
        Assert.InRange((commanded.CommandedAt!.Value - lane.Clock.Time.Start).TotalSeconds, 12.35, 12.45);
    }

    [Fact]
    public void A_triggered_increment_is_re_timed_when_the_belt_slows_down()
    {
        var lane = ContaminatedItemLane(5);
        lane.Run(5, 7);
        // Slowing to 2.5 m/s: P(7.1) = 35 + (5 + 2.5)/2·0.1 = 35.375; 65 m is reached at 7.1 + 29.625/2.5 = 18.95 s.
        lane.Run(2.5, 18.2);
        Assert.Empty(lane.Commands);
        Assert.Equal(18.95, lane.Clock.SecondsOf(lane.Core.FindIncrement(1)!.PlannedTimestamp), 2);
        lane.Run(2.5, 18.5);
        Assert.Single(lane.Commands);
    }

    [Fact]
    public void A_triggered_increment_is_refused_when_the_cutter_cannot_be_reached_in_time()
    {
        // Cutter at 25 m: the hotspot (coordinate 9) reaches it at P = 34, only 1.5 m (0.3 s) after the segment is
        // judged at P = 32.5, less than decision + actuation (0.6 s).
        var lane = ContaminatedItemLane(29 / 5.0, g => g.CutterMetres = 25);
        lane.Run(5, 8);
        var refused = Last(lane, "refused");
        Assert.Equal(IncrementState.Refused, refused.State);
        Assert.Contains("too late", refused.Note, StringComparison.Ordinal);
        Assert.Contains("0.3 s", refused.Note, StringComparison.Ordinal);
        Assert.Empty(lane.Commands);
        Assert.Contains(lane.Core.GetSnapshot().OpenAlarms, a => a.Type == AlarmType.MissedIncrement);
    }

    [Fact]
    public void A_triggered_increment_is_refused_when_the_sampler_is_not_ready()
    {
        var lane = ContaminatedItemLane(5, ready: false);
        lane.Run(5, 7);
        Assert.Contains("sampler not ready", Last(lane, "refused").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Emergency_stop_blocks_every_sampler_command()
    {
        var lane = ContaminatedItemLane(5);
        lane.Core.SetEmergencyStop(true);
        lane.Run(5, 14);
        Assert.Contains("emergency stop", Last(lane, "refused").Note, StringComparison.Ordinal);
        Assert.Empty(lane.Commands);

        var manual = lane.Core.RequestIncrement("operator check");
        Assert.False(manual.Ok);
        Assert.Contains("emergency stop", manual.Error, StringComparison.Ordinal);
        Assert.Empty(lane.Core.DrainSamplerCommands());
    }

    [Fact]
    public void E_stop_raised_after_planning_turns_the_due_cut_into_a_missed_increment()
    {
        var lane = ContaminatedItemLane(5);
        lane.Run(5, 7);
        Assert.Single(lane.OfType(LaneEventTypes.Increment, "planned"));
        lane.Core.SetEmergencyStop(true);
        lane.Run(5, 13);
        Assert.Empty(lane.Commands);
        Assert.Contains("emergency stop", Last(lane, "missed").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Manual_requests_need_an_open_lot_and_a_free_sampler()
    {
        var lane = new TestLane();
        lane.SamplerReady();
        var noLot = lane.Core.RequestIncrement("check");
        Assert.False(noLot.Ok);
        Assert.Contains("no lot is open", noLot.Error, StringComparison.Ordinal);

        lane.Core.StartLot(TestLane.Declaration());
        Assert.True(lane.Core.RequestIncrement("supervisor asked").Ok);
        var busy = lane.Core.RequestIncrement("again");
        Assert.False(busy.Ok);
        Assert.Contains("busy", busy.Error, StringComparison.Ordinal);
        lane.Collect();
        Assert.Equal(IncrementReason.Manual, Assert.Single(lane.Commands).Reason);
        Assert.Equal("supervisor asked", Last(lane, "commanded").Note);
    }

    [Fact]
    public void A_command_the_sampler_does_not_acknowledge_is_recorded_as_missed()
    {
        var lane = new TestLane();
        lane.SamplerReady();
        lane.Core.StartLot(TestLane.Declaration());
        lane.Core.RequestIncrement("check");
        lane.Clock.SetTo(2.5);
        lane.Core.Tick();
        lane.Collect();
        var missed = Last(lane, "missed");
        Assert.False(missed.Acknowledged);
        Assert.Contains("did not acknowledge", missed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledged_command_is_not_missed()
    {
        var lane = new TestLane();
        lane.SamplerReady();
        lane.Core.StartLot(TestLane.Declaration());
        lane.Core.RequestIncrement("check");
        lane.Collect();
        lane.Core.ReportIncrementAcknowledged(lane.Commands[0].IncrementId);
        lane.Clock.SetTo(5);
        lane.Core.Tick();
        lane.Collect();
        Assert.Empty(lane.OfType(LaneEventTypes.Increment, "missed"));
        Assert.Equal(IncrementState.Acknowledged, lane.Core.FindIncrement(lane.Commands[0].IncrementId)!.State);
    }
    [Fact]
    public void Two_triggered_cuts_within_one_cut_cycle_refuse_the_second_with_the_reason()
    {
        // Items at coordinates 9 (segment 0) and 11 (segment 1) reach the cutter 0.4 s apart; the cycle is 1 s.
        var lane = ContaminatedItemLane(29 / 5.0);
        lane.Run(5, 31 / 5.0);
        lane.Core.Observe(Observe.Item(lane.Clock.At(31 / 5.0), "plastic", 0.95, 12, 30));
        lane.Run(5, 9);
        Assert.Equal(2, lane.OfType(LaneEventTypes.Increment, "planned").Count());
        Assert.Single(lane.OfType(LaneEventTypes.Increment, "refused"));
        var refused = Last(lane, "refused");
        Assert.Equal(1, refused.SegmentNumber);
        Assert.Contains("sampler busy: increment 1 cuts 0.4 s apart", refused.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_triggered_cut_that_would_start_inside_a_running_cut_cycle_is_refused()
    {
        // Cutter at 26 m; hotspot 9.9 reaches it at P = 35.9 (7.18 s); judged at 6.5 s; the cut must start at 6.58 s,
        // but a manual cut commanded at 6.0 s keeps the sampler busy until 7.0 s.
        var lane = ContaminatedItemLane(29.9 / 5.0, g => g.CutterMetres = 26);
        lane.Run(5, 6.0);
        Assert.True(lane.Core.RequestIncrement("operator").Ok);
        lane.Run(5, 6.6);
        Assert.Contains("sampler busy: the running cut cycle ends", Last(lane, "refused").Note, StringComparison.Ordinal);
    }
}
