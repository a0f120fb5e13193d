using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Lots;

/// <summary>Verdict thresholds changed at run time: validated like start-up, applied to later judgements, refused clearly.</summary>
public sealed class VerdictThresholdsTests
{
    [Fact]
    public void Lowering_the_hold_threshold_holds_the_open_lot_at_once()
    {
        var lane = new TestLane();
        lane.SamplerReady();
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "wood", 0.9, 15, 40));
        lane.Run(5, 7);
        Assert.Equal(LotVerdictLevel.Suspect, lane.Core.GetSnapshot().Lot!.Verdict.Level);
        lane.Events.Clear();

        Assert.True(lane.Core.SetThreshold("Lane:Verdicts:LotHoldContaminatedSegments", 1).Ok);

        lane.Collect();
        var verdict = (LotSnapshot)Assert.Single(lane.OfType(LaneEventTypes.Lot, "verdict")).Data;
        Assert.Equal(LotVerdictLevel.Hold, verdict.Verdict.Level);
        Assert.Equal(1, lane.Core.Thresholds["LotHoldContaminatedSegments"]);
        Assert.Equal(1, lane.Verdicts.LotHoldContaminatedSegments);
    }

    [Fact]
    public void A_segment_threshold_applies_to_later_judgements()
    {
        var lane = new TestLane();
        lane.SamplerReady();
        Assert.True(lane.Core.StartLot(TestLane.Declaration()).Ok);
        lane.Core.RecordBeltSpeed(5, lane.Clock.At(0));
        Assert.True(lane.Core.SetThreshold("visualcontaminatedscore", 0.95).Ok);
        lane.Run(5, 5);
        lane.Core.Observe(Observe.Item(lane.Clock.At(5), "wood", 0.9, 15, 40));
        lane.Run(5, 7);

        // 0.9 is below the new contaminated score (0.95) but above the suspect score (0.4).
        Assert.Equal(0, lane.Core.GetSnapshot().Lot!.ContaminatedSegments);
        Assert.Equal(1, lane.Core.GetSnapshot().Lot!.SuspectSegments);
    }

    [Theory]
    [InlineData("LotHoldContaminatedSegments", 0, "Lane:Verdicts:LotHoldContaminatedSegments must be ≥ 1, got 0")]
    [InlineData("LotHoldContaminatedSegments", 2.5, "Lane:Verdicts:LotHoldContaminatedSegments must be a whole number, got 2.5")]
    [InlineData("SuspectProbability", 0.95, "Lane:Verdicts:SuspectProbability must be ≤ Lane:Verdicts:ContaminantProbability, got 0.95")]
    [InlineData("VisualSuspectScore", 1.5, "Lane:Verdicts:VisualSuspectScore must be 0-1, got 1.5")]
    [InlineData("ClusterGapSeconds", 0.01, "'ClusterGapSeconds' cannot be changed at run time")]
    [InlineData("Nonsense", 1, "these can: SuspectProbability")]
    public void A_bad_value_is_refused_naming_the_key_and_rule_and_changes_nothing(string name, double value, string error)
    {
        var lane = new TestLane();
        var before = lane.Core.Thresholds;

        var result = lane.Core.SetThreshold(name, value);

        Assert.False(result.Ok);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, lane.Core.Thresholds);
    }

    [Fact]
    public void Thresholds_lists_every_adjustable_value()
    {
        var values = VerdictThresholds.Read(new VerdictOptions());
        Assert.Equal(VerdictThresholds.Names, values.Keys);
        Assert.Equal(3, values["LotHoldContaminatedSegments"]);
        Assert.Equal(0.74, values["SuspectProbability"]);
    }
}
