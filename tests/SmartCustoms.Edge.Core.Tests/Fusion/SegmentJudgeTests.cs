using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Fusion;

/// <summary>
/// The verdict rules. Timestamps here are microseconds (the evidence is built with a 1 MHz clock), so a spectrum
/// every 2,000 µs is the NIR's 500 spectra/s.
/// </summary>
public sealed class SegmentJudgeTests
{
    private const long Frequency = 1_000_000;
    private const long LinePeriod = 2_000;

    private readonly VerdictOptions _rules = new()
    {
        SuspectProbability = 0.74, ContaminantProbability = 0.9, ClusterGapSeconds = 0.007,
        ContaminatedMinSpectra = 3, SuspectMinSpectra = 4,
        CleanHitRate = 0.01, DispersedContaminatedProbability = 1e-6, DispersedSuspectProbability = 1e-4,
        SuspectMinOodSpectra = 5, VisualContaminatedScore = 0.7, VisualContaminatedMinSizeCm = 5,
        VisualSuspectScore = 0.4, VisualSuspectMinSizeCm = 2, VisualSuspectMinSightings = 1,
    };

    private SegmentEvidence Evidence(int maxIds = 20) => new(_rules, maxIds, Frequency);

    private SegmentJudgement Judge(Action<SegmentEvidence> fill, double lengthMetres = 10, double widthMetres = 1.8)
    {
        var evidence = Evidence();
        fill(evidence);
        return new SegmentJudge(_rules).Judge(evidence, lengthMetres, widthMetres);
    }

    /// <summary>A 10 m segment at 5 m/s: 1,000 spectra, one every line period, 1 cm apart; <paramref name="p"/> says each one's probability.</summary>
    private static void Stream(SegmentEvidence e, Func<int, double> p, int count = 1_000, string material = "plastic")
    {
        for (var i = 0; i < count; i++)
        {
            var probability = p(i);
            e.Add(probability <= 0.01 ? Observe.Ore(i * LinePeriod) : Observe.Contaminant(i * LinePeriod, material, probability), i * 0.01, true);
        }
    }

    [Fact]
    public void Ore_only_is_clear()
    {
        var j = Judge(e => Stream(e, _ => 0.01));
        Assert.Equal(SegmentVerdict.Clear, j.Verdict);
        Assert.Empty(j.Findings);
        Assert.Empty(j.ContaminantShares);
    }

    [Fact]
    public void Isolated_misreadings_of_clean_ore_stay_clear()
    {
        // What made the old rule fail on the clean scenario: ~0.5 % of spectra misread, one at a time.
        // Eight strong hits (0.8 %) scattered through the segment: no cluster, not improbable for clean ore.
        var j = Judge(e => Stream(e, i => i % 125 == 60 ? 0.97 : 0.01));
        Assert.Equal(SegmentVerdict.Clear, j.Verdict);
        Assert.Empty(j.Findings);
    }

    [Theory]
    [InlineData(2, 0.97, SegmentVerdict.Clear, null)]
    [InlineData(3, 0.97, SegmentVerdict.Contaminated, "contaminant-spectra")]    // 3 strong hits in one cluster
    [InlineData(3, 0.8, SegmentVerdict.Clear, null)]                            // 3 weaker hits: not yet an item
    [InlineData(4, 0.8, SegmentVerdict.Suspect, "suspect-spectra")]             // 4 hits in one cluster
    [InlineData(4, 0.7, SegmentVerdict.Clear, null)]                            // below the hit probability
    public void Consecutive_hits_form_a_cluster_judged_by_its_size(int hits, double p, SegmentVerdict expected, string? code)
    {
        var j = Judge(e => Stream(e, i => i >= 500 && i < 500 + hits ? p : 0.01));
        Assert.Equal(expected, j.Verdict);
        Assert.Equal(code is null ? [] : [code], j.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Hits_within_the_gap_join_one_cluster_and_hits_beyond_it_do_not()
    {
        // Every third spectrum (6 ms apart, gap 7 ms): one item with misses inside it.
        var joined = Judge(e => Stream(e, i => i >= 500 && i < 509 && (i - 500) % 3 == 0 ? 0.97 : 0.01));
        Assert.Equal(SegmentVerdict.Contaminated, joined.Verdict);

        // Every fourth spectrum (8 ms apart): three separate misreadings.
        var apart = Judge(e => Stream(e, i => i >= 500 && i < 512 && (i - 500) % 4 == 0 ? 0.97 : 0.01));
        Assert.Equal(SegmentVerdict.Clear, apart.Verdict);
    }

    [Theory]
    [InlineData(20, SegmentVerdict.Clear)]                 // P(X ≥ 20 | 1000, 1 %) = 3.3e-3: clean ore does this
    [InlineData(25, SegmentVerdict.Suspect)]               // 4.2e-5 < 1e-4
    [InlineData(30, SegmentVerdict.Contaminated)]          // 2.1e-7 < 1e-6
    public void Many_scattered_hits_are_judged_against_the_clean_hit_rate(int hits, SegmentVerdict expected)
    {
        // Shredded waste: hits spread evenly, never two within the cluster gap.
        var every = 1_000 / hits;
        var j = Judge(e => Stream(e, i => i % every == 0 && i / every < hits ? 0.97 : 0.01));
        Assert.Equal(expected, j.Verdict);
        if (expected != SegmentVerdict.Clear)
        {
            Assert.Equal(expected == SegmentVerdict.Contaminated ? "dispersed-contaminant-spectra" : "dispersed-suspect-spectra", Assert.Single(j.Findings).Code);
        }
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

    [Fact]
    public void A_camera_only_item_is_contaminated_by_its_detection_alone()
    {
        // Black rubber: the NIR sees ore only, the camera sees the item.
        var j = Judge(e =>
        {
            Stream(e, _ => 0.01);
            e.Add(Observe.Item(material: "rubber", score: 0.85, widthCm: 8, lengthCm: 12), 5, true);
        });
        Assert.Equal(SegmentVerdict.Contaminated, j.Verdict);
        Assert.Equal("contaminant-detections", Assert.Single(j.Findings).Code);
        Assert.Equal(1, Assert.Single(j.ContaminantShares, s => s.Material == "rubber").Detections);
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
            Stream(e, i => i is >= 100 and < 104 ? 0.8 : 0.01, count: 200);
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
            Stream(e, i => i >= 96 ? 0.97 : 0.01, count: 100, material: "plastic");
            e.Add(Observe.Item(material: "wood", widthCm: 10, lengthCm: 20), 1, true);
            e.Add(Observe.Item(material: "wood", widthCm: 30, lengthCm: 10), 1, true);
        });

        var plastic = Assert.Single(j.ContaminantShares, s => s.Material == "plastic");
        Assert.Equal(4, plastic.Spectra);
        Assert.Equal(0.04, plastic.SpectralShare, 9);
        Assert.Equal(1, plastic.SpectralItems);            // one cluster: one item
        var wood = Assert.Single(j.ContaminantShares, s => s.Material == "wood");
        Assert.Equal(2, wood.Detections);
        Assert.Equal(500, wood.VisualAreaCm2, 9);
        // 500 cm² of a 10 m × 1.8 m segment (180,000 cm²).
        Assert.Equal(500 / 180_000.0, wood.VisualAreaShare, 12);
    }

    [Fact]
    public void A_cluster_is_named_after_the_material_most_of_its_hits_say()
    {
        var evidence = Evidence();
        evidence.Add(Observe.Contaminant(0, "metal"), 1.00, true);
        evidence.Add(Observe.Contaminant(LinePeriod, "plastic"), 1.01, true);
        evidence.Add(Observe.Contaminant(2 * LinePeriod, "plastic"), 1.02, true);
        var cluster = Assert.Single(evidence.ItemClusters);
        Assert.Equal("plastic", cluster.Material);
        Assert.Equal(1.01, cluster.Centre, 9);
        Assert.Equal(0.02, cluster.ExtentMetres, 9);
        Assert.Equal(3, evidence.Counts().StrongestClusterHits);
        Assert.Equal(1, evidence.Counts().SpectralClusters);
    }

    [Fact]
    public void Evidence_ids_are_kept_up_to_the_cap_while_counts_stay_complete()
    {
        var evidence = Evidence(maxIds: 2);
        for (var i = 0; i < 5; i++)
        {
            evidence.Add(Observe.Contaminant(), 1, true);
        }

        Assert.Equal(5, evidence.Counts().ContaminantSpectra);
        Assert.Equal(2, evidence.Ids().ContaminantSpectra.Count);
    }

    [Fact]
    public void The_hotspot_is_an_item_size_cluster_else_a_contaminant_detection_else_the_strongest_evidence()
    {
        var evidence = Evidence();
        Assert.Null(evidence.HotspotCoordinate);
        evidence.Add(Observe.Item(score: 0.5), 2, true);                       // suspect detection
        Assert.Equal(2, evidence.HotspotCoordinate);
        evidence.Add(Observe.Contaminant(0, p: 0.97), 3.00, true);             // one cluster at 3.00-3.02
        evidence.Add(Observe.Contaminant(LinePeriod, p: 0.97), 3.02, true);
        Assert.Equal(3.01, evidence.HotspotCoordinate!.Value, 9);
        evidence.Add(Observe.Contaminant(100 * LinePeriod, p: 0.99), 8, true); // a lone strong misreading elsewhere
        Assert.Equal(3.01, evidence.HotspotCoordinate!.Value, 9);
        evidence.Add(Observe.Item(score: 0.95), 7, true);                      // contaminant detection
        Assert.Equal(7, evidence.HotspotCoordinate);
        for (var i = 0; i < 3; i++)
        {
            evidence.Add(Observe.Contaminant((200 + i) * LinePeriod, p: 0.97), 5 + (i * 0.02), true); // an item-size cluster
        }

        Assert.Equal(5.02, evidence.HotspotCoordinate!.Value, 9);
    }
}
