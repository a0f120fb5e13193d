using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Fusion;

public sealed class SegmentJudgeTests
{
    private readonly VerdictOptions _rules = new()
    {
        ContaminantProbability = 0.9, ContaminatedMinSpectra = 3, SuspectProbability = 0.6, SuspectMinSpectra = 1,
        SuspectMinOodSpectra = 5, VisualContaminatedScore = 0.7, VisualContaminatedMinSizeCm = 5,
        VisualSuspectScore = 0.4, VisualSuspectMinSizeCm = 2,
    };

    private SegmentJudgement Judge(Action<SegmentEvidence> fill, double lengthMetres = 10, double widthMetres = 1.8)
    {
        var evidence = new SegmentEvidence(_rules, maxIds: 20);
        fill(evidence);
        return new SegmentJudge(_rules).Judge(evidence, lengthMetres, widthMetres);
    }

    [Fact]
    public void Ore_only_is_clear()
    {
        var j = Judge(e =>
        {
            for (var i = 0; i < 100; i++)
            {
                e.Add(Observe.Ore(), 1, true);
            }
        });
        Assert.Equal(SegmentVerdict.Clear, j.Verdict);
        Assert.Empty(j.Findings);
        Assert.Empty(j.ContaminantShares);
    }

    [Theory]
    [InlineData(1, SegmentVerdict.Suspect, "suspect-spectra")]
    [InlineData(2, SegmentVerdict.Suspect, "suspect-spectra")]
    [InlineData(3, SegmentVerdict.Contaminated, "contaminant-spectra")]
    public void Contaminant_spectra_count_against_the_threshold(int count, SegmentVerdict expected, string code)
    {
        var j = Judge(e =>
        {
            for (var i = 0; i < count; i++)
            {
                e.Add(Observe.Contaminant(p: 0.95), 1, true);
            }
        });
        Assert.Equal(expected, j.Verdict);
        Assert.Equal(code, Assert.Single(j.Findings).Code);
    }

    [Fact]
    public void Spectra_below_the_suspect_probability_do_not_count()
    {
        var j = Judge(e => e.Add(Observe.Contaminant(p: 0.59), 1, true));
        Assert.Equal(SegmentVerdict.Clear, j.Verdict);
    }

    [Theory]
    [InlineData(0.8, 6, 4, SegmentVerdict.Contaminated)]
    [InlineData(0.8, 4, 4, SegmentVerdict.Suspect)]      // too small for contaminated, big enough for suspect
    [InlineData(0.5, 30, 30, SegmentVerdict.Suspect)]    // score between the bars
    [InlineData(0.3, 30, 30, SegmentVerdict.Clear)]      // below the lower bar
    [InlineData(0.9, 1.5, 1, SegmentVerdict.Clear)]      // a speck
    public void Visual_detections_need_both_score_and_size(double score, double width, double length, SegmentVerdict expected)
    {
        var j = Judge(e => e.Add(Observe.Item(score: score, widthCm: width, lengthCm: length), 1, true));
        Assert.Equal(expected, j.Verdict);
    }

    [Theory]
    [InlineData(4, SegmentVerdict.Clear)]
    [InlineData(5, SegmentVerdict.Suspect)]
    public void Out_of_distribution_spectra_make_a_segment_suspect(int count, SegmentVerdict expected)
    {
        var j = Judge(e =>
        {
            for (var i = 0; i < count; i++)
            {
                e.Add(Observe.Unknown(), 1, true);
            }
        });
        Assert.Equal(expected, j.Verdict);
    }

    [Theory]
    [InlineData(RadiationLevel.Normal, SegmentVerdict.Clear)]
    [InlineData(RadiationLevel.Warning, SegmentVerdict.Suspect)]
    [InlineData(RadiationLevel.Alarm, SegmentVerdict.Contaminated)]
    public void Radiation_level_drives_the_verdict(RadiationLevel level, SegmentVerdict expected)
    {
        var j = Judge(e => e.Add(new RadiationReading(0, 900, level), true));
        Assert.Equal(expected, j.Verdict);
    }

    [Fact]
    public void Every_rule_that_fired_is_a_finding_and_the_worst_wins()
    {
        var j = Judge(e =>
        {
            e.Add(Observe.Contaminant(p: 0.7), 1, true);
            e.Add(Observe.Item(score: 0.95, widthCm: 12, lengthCm: 8), 1, true);
            e.Add(new RadiationReading(0, 300, RadiationLevel.Warning), true);
        });
        Assert.Equal(SegmentVerdict.Contaminated, j.Verdict);
        Assert.Equal(["suspect-spectra", "contaminant-detections", "radiation-warning"], j.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Contaminant_share_is_estimated_per_material_from_spectra_and_visual_area()
    {
        var j = Judge(e =>
        {
            for (var i = 0; i < 96; i++)
            {
                e.Add(Observe.Ore(), 1, true);
            }

            for (var i = 0; i < 4; i++)
            {
                e.Add(Observe.Contaminant(material: "plastic"), 1, true);
            }

            e.Add(Observe.Item(material: "wood", widthCm: 10, lengthCm: 20), 1, true);
            e.Add(Observe.Item(material: "wood", widthCm: 30, lengthCm: 10), 1, true);
        });

        var plastic = Assert.Single(j.ContaminantShares, s => s.Material == "plastic");
        Assert.Equal(4, plastic.Spectra);
        Assert.Equal(0.04, plastic.SpectralShare, 9);
        var wood = Assert.Single(j.ContaminantShares, s => s.Material == "wood");
        Assert.Equal(2, wood.Detections);
        Assert.Equal(500, wood.VisualAreaCm2, 9);
        // 500 cm² of a 10 m × 1.8 m segment (180,000 cm²).
        Assert.Equal(500 / 180_000.0, wood.VisualAreaShare, 12);
    }

    [Fact]
    public void Evidence_ids_are_kept_up_to_the_cap_while_counts_stay_complete()
    {
        var evidence = new SegmentEvidence(_rules, maxIds: 2);
        for (var i = 0; i < 5; i++)
        {
            evidence.Add(Observe.Contaminant(), 1, true);
        }

        Assert.Equal(5, evidence.Counts().ContaminantSpectra);
        Assert.Equal(2, evidence.Ids().ContaminantSpectra.Count);
    }

    [Fact]
    public void The_hotspot_is_the_strongest_evidence()
    {
        var evidence = new SegmentEvidence(_rules, maxIds: 2);
        evidence.Add(Observe.Contaminant(p: 0.7), 3, true);
        evidence.Add(Observe.Item(score: 0.95), 7, true);
        evidence.Add(Observe.Contaminant(p: 0.99), 8, true);
        Assert.Equal(7, evidence.HotspotCoordinate);
    }
}
