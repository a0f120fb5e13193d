using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Tests.Fusion;

/// <summary>
/// Camera evidence on a segment: the same item reported again (same id, a better sighting) replaces its earlier report
/// instead of counting twice; a detection under the contaminant bar counts once its item was seen in enough frames.
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
    public void A_weak_detection_needs_a_second_sighting_when_the_rule_is_on()
    {
        _rules.VisualSuspectMinSightings = 2;
        var e = Evidence();
        Assert.False(e.Add(Item("vis-7", 0.5, sightings: 1), 3.0, true));
        Assert.Equal(SegmentVerdict.Clear, Judge(e).Verdict);
        Assert.Equal(1, e.Detections);

        Assert.True(e.Add(Item("vis-7", 0.5, sightings: 2), 3.1, true));
        var judged = Judge(e);
        Assert.Equal(SegmentVerdict.Suspect, judged.Verdict);
        Assert.Contains("seen in ≥ 2 frames", Assert.Single(judged.Findings).Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Detections);

        // A strong detection needs no second frame.
        var strong = Evidence();
        Assert.True(strong.Add(Item("vis-8", 0.8, sightings: 1), 3.0, true));
        Assert.Equal(SegmentVerdict.Contaminated, Judge(strong).Verdict);

        // Seen often but under the suspect score, or under the suspect size: still clear.
        var weak = Evidence();
        weak.Add(Item("vis-9", 0.35, sightings: 5), 3.0, true);
        weak.Add(Item("vis-10", 0.6, sizeCm: 1, sightings: 5), 5.0, true);
        Assert.Equal(SegmentVerdict.Clear, Judge(weak).Verdict);
    }

    [Fact]
    public void The_second_sighting_is_not_needed_when_the_rule_is_off()
    {
        var e = Evidence();
        Assert.True(e.Add(Item("vis-11", 0.45, sightings: 1), 3.0, true));
        Assert.Equal(SegmentVerdict.Suspect, Judge(e).Verdict);
    }
}
