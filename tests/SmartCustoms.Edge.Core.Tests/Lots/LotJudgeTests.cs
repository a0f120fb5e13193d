using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Lots;

public sealed class LotJudgeTests
{
    private readonly VerdictOptions _rules = new()
    {
        LotHoldContaminatedSegments = 3, LotSuspectContaminatedSegments = 1, LotSuspectSuspectSegments = 3,
        BrandMinOreSpectra = 200, BrandMinExpectedShare = 0.6,
    };

    private static Lot NewLot(string brand = "Pilbara Blend fines")
    {
        new LotBook(new LaneClock().Time).Start(TestLane.Declaration(brand: brand), out var lot);
        return lot!;
    }

    private static SegmentReport Segment(long n, SegmentVerdict verdict) => new(
        n, "LOT-1", n * 10, (n + 1) * 10, null, null, verdict, [],
        new SegmentEvidenceCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, default, 0),
        new SegmentEvidenceIds([], [], [], [], []),
        verdict == SegmentVerdict.Clear ? [] : [new MaterialShare("plastic", 2, 0.01, 1, 300, 0.002)],
        [], null, 0, DateTimeOffset.UnixEpoch);

    private LotVerdict Judge(Lot lot) => new LotJudge(_rules).Judge(lot, new LotJudge(_rules).Conformity(lot, new BrandCatalog(_rules)));

    [Fact]
    public void Only_clear_segments_give_a_clear_lot()
    {
        var lot = NewLot();
        for (var i = 0; i < 50; i++)
        {
            lot.Apply(Segment(i, SegmentVerdict.Clear), null);
        }

        Assert.Equal(LotVerdictLevel.Clear, Judge(lot).Level);
        Assert.Empty(Judge(lot).Reasons);
    }

    [Theory]
    [InlineData(1, LotVerdictLevel.Suspect)]
    [InlineData(2, LotVerdictLevel.Suspect)]
    [InlineData(3, LotVerdictLevel.Hold)]
    public void Contaminated_segments_drive_suspect_then_hold(int contaminated, LotVerdictLevel expected)
    {
        var lot = NewLot();
        for (var i = 0; i < contaminated; i++)
        {
            lot.Apply(Segment(i, SegmentVerdict.Contaminated), null);
        }

        var verdict = Judge(lot);
        Assert.Equal(expected, verdict.Level);
        Assert.Equal("contaminated-segments", Assert.Single(verdict.Reasons).Code);
        var counted = contaminated == 1 ? "1 contaminated segment (" : $"{contaminated} contaminated segments (";
        Assert.StartsWith(counted, verdict.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspect_segments_and_radiation_are_listed_as_separate_reasons()
    {
        var lot = NewLot();
        for (var i = 0; i < 3; i++)
        {
            lot.Apply(Segment(i, SegmentVerdict.Suspect), null);
        }

        lot.RadiationAlarm = true;
        var verdict = Judge(lot);
        Assert.Equal(LotVerdictLevel.Hold, verdict.Level);
        Assert.Equal(["suspect-segments", "radiation-alarm"], verdict.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(100, 3, LotVerdictLevel.Suspect)]   // short lot: the count (3) is the bar
    [InlineData(900, 3, LotVerdictLevel.Clear)]     // 30 minutes: 1 % of 903 segments = 10 suspect needed
    [InlineData(900, 9, LotVerdictLevel.Clear)]
    [InlineData(900, 10, LotVerdictLevel.Suspect)]
    public void Suspect_segments_must_also_be_a_share_of_a_long_lot(int clear, int suspect, LotVerdictLevel expected)
    {
        _rules.LotSuspectSuspectShare = 0.01;
        var lot = NewLot();
        for (var i = 0; i < clear + suspect; i++)
        {
            lot.Apply(Segment(i, i < suspect ? SegmentVerdict.Suspect : SegmentVerdict.Clear), null);
        }

        var verdict = Judge(lot);
        Assert.Equal(expected, verdict.Level);
        if (expected == LotVerdictLevel.Suspect)
        {
            Assert.StartsWith($"{suspect} suspect segments of {clear + suspect} (SUSPECT at ≥ 3 and ≥ 1% of the lot's segments)", Assert.Single(verdict.Reasons).Message, StringComparison.Ordinal);
        }

        // 0 = the count alone.
        _rules.LotSuspectSuspectShare = 0;
        Assert.Equal(LotVerdictLevel.Suspect, Judge(lot).Level);
    }

    [Fact]
    public void A_revised_segment_is_counted_once()
    {
        var lot = NewLot();
        var first = Segment(0, SegmentVerdict.Suspect);
        lot.Apply(first, null);
        lot.Apply(Segment(0, SegmentVerdict.Contaminated) with { Revision = 1 }, first);
        Assert.Equal((0, 0, 1), (lot.ClearSegments, lot.SuspectSegments, lot.ContaminatedSegments));
        Assert.Equal(1, lot.Snapshot(new LotJudge(_rules).Conformity(lot, new BrandCatalog(_rules))).ItemsByMaterial["plastic"]);
    }

    [Fact]
    public void Brand_conformity_needs_the_minimum_number_of_ore_spectra()
    {
        var lot = NewLot();
        for (var i = 0; i < 199; i++)
        {
            lot.RecordOreFamily("magnetite");
        }

        var judge = new LotJudge(_rules);
        Assert.Equal(BrandConformityState.NotEnoughData, judge.Conformity(lot, new BrandCatalog(_rules)).State);
        lot.RecordOreFamily("magnetite");
        var brand = judge.Conformity(lot, new BrandCatalog(_rules));
        Assert.Equal(BrandConformityState.Mismatch, brand.State);
        Assert.Equal(["hematite_goethite", "hematite"], brand.ExpectedFamilies);
        Assert.Equal(0, brand.ExpectedShare);
        Assert.Equal(LotVerdictLevel.Suspect, judge.Judge(lot, brand).Level);
        Assert.Equal("brand-mismatch", Assert.Single(judge.Judge(lot, brand).Reasons).Code);
    }

    [Theory]
    [InlineData(120, BrandConformityState.Conforming)]   // 60 % blend+hematite: at the threshold
    [InlineData(119, BrandConformityState.Mismatch)]
    public void Brand_mismatch_is_a_share_of_the_expected_families_below_the_threshold(int expectedFamilySpectra, BrandConformityState state)
    {
        var lot = NewLot();
        for (var i = 0; i < 200; i++)
        {
            lot.RecordOreFamily(i < expectedFamilySpectra ? (i % 2 == 0 ? "hematite" : "hematite_goethite") : "magnetite");
        }

        Assert.Equal(state, new LotJudge(_rules).Conformity(lot, new BrandCatalog(_rules)).State);
    }

    [Theory]
    [InlineData(920, 50, 30, BrandConformityState.Conforming)]   // Pilbara Blend as the model reads it (validation confusion)
    [InlineData(5, 5, 990, BrandConformityState.Mismatch)]       // Yandi (goethite) declared as Pilbara Blend
    public void A_declared_blend_is_told_from_a_goethite_brand_in_the_models_family_names(int blend, int hematite, int goethite, BrandConformityState state)
    {
        var lot = NewLot();
        foreach (var (family, count) in new[] { ("hematite_goethite", blend), ("hematite", hematite), ("goethite", goethite) })
        {
            for (var i = 0; i < count; i++)
            {
                lot.RecordOreFamily(family);
            }
        }

        Assert.Equal(state, new LotJudge(_rules).Conformity(lot, new BrandCatalog(_rules)).State);
    }

    [Fact]
    public void An_unknown_brand_is_not_a_mismatch_and_configured_brands_override_the_catalogue()
    {
        var unknown = NewLot("Atlantis Premium");
        for (var i = 0; i < 300; i++)
        {
            unknown.RecordOreFamily("magnetite");
        }

        Assert.Equal(BrandConformityState.UnknownBrand, new LotJudge(_rules).Conformity(unknown, new BrandCatalog(_rules)).State);

        _rules.BrandFamilies["Atlantis Premium"] = "magnetite";
        Assert.Equal(BrandConformityState.Conforming, new LotJudge(_rules).Conformity(unknown, new BrandCatalog(_rules)).State);
    }

    [Fact]
    public void Brand_mismatch_can_be_configured_to_hold()
    {
        _rules.BrandMismatchVerdict = LotVerdictLevel.Hold;
        var lot = NewLot("Yandi fines");
        for (var i = 0; i < 200; i++)
        {
            lot.RecordOreFamily("hematite");
        }

        Assert.Equal(LotVerdictLevel.Hold, Judge(lot).Level);
    }

    [Fact]
    public void A_revision_of_a_segment_judged_before_the_lot_started_is_counted_once_never_below_zero()
    {
        var lot = NewLot();
        var early = Segment(4, SegmentVerdict.Suspect) with { LotId = null };
        lot.Apply(Segment(4, SegmentVerdict.Contaminated), early);
        Assert.Equal(0, lot.SuspectSegments);
        Assert.Equal(1, lot.ContaminatedSegments);

        // A revision of a segment counted in this lot still moves it between the counts.
        lot.Apply(Segment(4, SegmentVerdict.Suspect), Segment(4, SegmentVerdict.Contaminated));
        Assert.Equal(1, lot.SuspectSegments);
        Assert.Equal(0, lot.ContaminatedSegments);
    }
}
