using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Tests.Fusion;

/// <summary>
/// Camera evidence on a segment: the same item reported again (same id, a better sighting) replaces its earlier report
/// instead of counting twice; the sightings rule flags an item seen in enough frames under the suspect score.
/// </summary>
public sealed class VisualEvidenceTests
{
    private readonly VerdictOptions _rules = new()
    {
        VisualContaminatedScore = 0.7, VisualContaminatedMinSizeCm = 5, VisualSuspectScore = 0.4, VisualSuspectMinSizeCm = 2, VisualSuspectMinSightings = 0,
    };

    private SegmentEvidence Evidence() => new(_rules, 20, 1_000_000);

    private SegmentJudgement Judge(SegmentEvidence e) => new SegmentJudge(_rules).Judge(e, 10, 1.8);

    private static VisualDetection Item(string id, double score, double sizeCm = 10, int sightings = 1, string material = "plastic") =>
        new(id, 0, material, score, sizeCm, sizeCm, 0, sightings);

    [Fact]
    public void A_better_report_of_the_same_item_replaces_the_first()
    {
        var e = Evidence();
        Assert.False(e.Add(Item("vis-1", 0.38), 5.0, true));
        Assert.Equal(SegmentVerdict.Clear, Judge(e).Verdict);

        Assert.True(e.Add(Item("vis-1", 0.47), 5.1, true));

        Assert.Equal(1, e.Detections);
        Assert.Equal(1, e.SuspectDetections);
        var judged = Judge(e);
        Assert.Equal(SegmentVerdict.Suspect, judged.Verdict);
        Assert.Equal("suspect-detections", Assert.Single(judged.Findings).Code);
        Assert.Equal(1, Assert.Single(judged.ContaminantShares).Detections);
    }

    [Fact]
    public void An_upgrade_from_suspect_to_contaminated_moves_the_item_not_adds_one()
    {
        var e = Evidence();
        e.Add(Item("vis-2", 0.5, material: "rubber"), 3.0, true);
        Assert.True(e.Add(Item("vis-2", 0.8, material: "plastic"), 3.1, true));

        Assert.Equal(1, e.Detections);
        Assert.Equal(0, e.SuspectDetections);
        Assert.Equal(1, e.ContaminantDetections);
        Assert.Equal(["vis-2"], e.Ids().ContaminantDetections);
        Assert.Empty(e.Ids().SuspectDetections);
        Assert.Equal(SegmentVerdict.Contaminated, Judge(e).Verdict);
        var share = Assert.Single(Judge(e).ContaminantShares);
        Assert.Equal("plastic", share.Material);
        Assert.Equal(3.1, e.HotspotCoordinate);
    }

    [Fact]
    public void A_report_that_passes_no_higher_bar_changes_nothing()
    {
        var e = Evidence();
        e.Add(Item("vis-3", 0.8), 3.0, true);
        Assert.False(e.Add(Item("vis-3", 0.85), 4.0, true));
        Assert.Equal(1, e.ContaminantDetections);
        Assert.Equal(3.0, e.HotspotCoordinate);
    }

    [Fact]
    public void Different_ids_are_different_items()
    {
        var e = Evidence();
        e.Add(Item("vis-4", 0.5), 3.0, true);
        e.Add(Item("vis-5", 0.5), 6.0, true);
        Assert.Equal(2, e.SuspectDetections);
        Assert.Equal(2, e.Detections);
    }

    [Fact]
    public void Seen_in_enough_frames_under_the_suspect_score_is_suspect_when_the_rule_is_on()
    {
        var e = Evidence();
        e.Add(Item("vis-6", 0.35, sightings: 1), 3.0, true);
        e.Add(Item("vis-6", 0.35, sightings: 2), 3.1, true);
        Assert.Equal(SegmentVerdict.Clear, Judge(e).Verdict);

        _rules.VisualSuspectMinSightings = 2;
        var on = Evidence();
        Assert.False(on.Add(Item("vis-7", 0.35, sightings: 1), 3.0, true));
        Assert.True(on.Add(Item("vis-7", 0.35, sightings: 2), 3.1, true));
        Assert.Equal(SegmentVerdict.Suspect, Judge(on).Verdict);

        // The size bar still holds.
        var small = Evidence();
        small.Add(Item("vis-8", 0.35, sizeCm: 1, sightings: 3), 3.0, true);
        Assert.Equal(SegmentVerdict.Clear, Judge(small).Verdict);
    }
}
