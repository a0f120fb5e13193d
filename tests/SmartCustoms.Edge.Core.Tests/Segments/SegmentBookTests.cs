using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Segments;

public sealed class SegmentBookTests
{
    private readonly LaneClock _clock = new();

    private SegmentBook Book(SegmentMode mode = SegmentMode.Length, double settle = 0.5, bool early = false)
    {
        var geometry = new LaneGeometry(new LaneGeometryOptions { ScaleMetres = 0, CameraMetres = 20, NirMetres = 21, RadiationMetres = 22, CutterMetres = 60 });
        var options = new SegmentOptions { Mode = mode, LengthMetres = 10, Tonnes = 20, SettleMetres = settle, EarlyVerdicts = early };
        return new SegmentBook(options, new VerdictOptions(), geometry, _clock.Time) { CurrentLotId = "LOT-1" };
    }

    /// <summary><paramref name="count"/> hits of probability <paramref name="p"/> one line period (2 ms) apart, at <paramref name="coordinate"/>: one cluster.</summary>
    private void Hits(SegmentBook book, int count, double p, double coordinate, List<SegmentRevision>? changes = null, double startSeconds = 0)
    {
        for (var i = 0; i < count; i++)
        {
            book.Add(Observe.Contaminant(_clock.At(startSeconds + (i * 0.002)), p: p), coordinate, true, out var change);
            if (change is not null)
            {
                changes?.Add(change);
            }
        }
    }

    [Fact]
    public void A_segment_is_judged_once_its_tail_has_passed_the_last_sensor_plus_settle()
    {
        var book = Book();
        Assert.Empty(book.Advance(0));                 // opens segment -2 (coordinates −20..−10)
        Assert.Equal(ObservationPlacement.Added, book.Add(Observe.Ore(), 5, true, out _));

        // Segment 0 covers coordinates 0..10; its tail (10) passes the radiation monitor (22 m) at P = 32,
        // plus 0.5 m settle: judged at P = 32.5, not before.
        var early = book.Advance(32.4);
        Assert.DoesNotContain(early, r => r.Current.Number == 0);
        var judged = book.Advance(32.5);
        var change = Assert.Single(judged);
        Assert.Null(change.Previous);
        var segment0 = change.Current;
        Assert.Equal(0, segment0.Number);
        Assert.Equal(0, segment0.StartMetres);
        Assert.Equal(10, segment0.EndMetres);
        Assert.Equal("LOT-1", segment0.LotId);
        Assert.Equal(1, segment0.Counts.Spectra);
    }

    [Fact]
    public void Empty_segments_are_judged_too_and_in_belt_order()
    {
        var book = Book();
        book.Advance(0);
        var judged = book.Advance(62.5);
        Assert.Equal([-2L, -1, 0, 1, 2, 3], judged.Select(r => r.Current.Number));
        Assert.All(judged, r => Assert.Equal(SegmentVerdict.Clear, r.Current.Verdict));
    }

    [Fact]
    public void Observations_go_to_the_segment_holding_their_coordinate()
    {
        var book = Book();
        book.Advance(30);
        Hits(book, 3, 0.97, 9.99);
        Hits(book, 4, 0.8, 10.0, startSeconds: 1);
        var judged = book.Advance(42.5);
        Assert.Equal(SegmentVerdict.Contaminated, judged.Single(r => r.Current.Number == 0).Current.Verdict);
        Assert.Equal(SegmentVerdict.Suspect, judged.Single(r => r.Current.Number == 1).Current.Verdict);
    }

    [Fact]
    public void A_late_observation_revises_the_verdict_only_when_it_changes()
    {
        var book = Book();
        book.Advance(0);
        Assert.Equal(SegmentVerdict.Clear, book.Advance(32.5).Single(r => r.Current.Number == 0).Current.Verdict);

        Assert.Equal(ObservationPlacement.Late, book.Add(Observe.Ore(), 5, true, out var none));
        Assert.Null(none);
        var changes = new List<SegmentRevision>();
        Hits(book, 4, 0.8, 5, changes);          // the 4th hit makes an item-size cluster: suspect
        var first = Assert.Single(changes);
        Assert.Equal(SegmentVerdict.Clear, first.Previous!.Verdict);
        Assert.Equal(SegmentVerdict.Suspect, first.Current.Verdict);
        Assert.Equal(1, first.Current.Revision);
        changes.Clear();
        Hits(book, 3, 0.97, 5, changes, startSeconds: 0.008);   // same cluster (2 ms after its last hit), 3 strong hits
        var second = Assert.Single(changes);
        Assert.Equal(SegmentVerdict.Contaminated, second.Current.Verdict);
        Assert.Equal(2, second.Current.Revision);
        Assert.Equal(8, book.LateObservations);
    }

    [Fact]
    public void Tonnage_segments_are_cut_at_the_scale_every_configured_tonnes()
    {
        var book = Book(SegmentMode.Tonnes);
        // Coordinate at the scale (0 m) is the belt position itself.
        book.RecordTotaliser(100, 0);
        book.RecordTotaliser(110, 5);
        book.RecordTotaliser(120, 8);      // 20 t: segment 0 = 0..8
        book.RecordTotaliser(135, 12);
        book.RecordTotaliser(141, 15);     // 21 t: segment 1 = 8..15
        Assert.Equal(ObservationPlacement.Dropped, book.Add(Observe.Ore(), -1, true, out _));
        Assert.Equal(ObservationPlacement.Added, book.Add(Observe.Contaminant(_clock.At(0), p: 0.8), 7.9, true, out _));
        Hits(book, 3, 0.8, 7.9, startSeconds: 0.002);

        var judged = book.Advance(8 + 22.5);
        var segment0 = Assert.Single(judged).Current;
        Assert.Equal((0.0, 8.0), (segment0.StartMetres, segment0.EndMetres));
        Assert.Equal((100.0, 120.0), (segment0.StartTonnes!.Value, segment0.EndTonnes!.Value));
        Assert.Equal(SegmentVerdict.Suspect, segment0.Verdict);
        Assert.Equal(1, book.DroppedObservations);

        var segment1 = Assert.Single(book.Advance(15 + 22.5)).Current;
        Assert.Equal((8.0, 15.0), (segment1.StartMetres, segment1.EndMetres));
        // Segment 2 is still filling: never judged until its tonnage is complete.
        Assert.Empty(book.Advance(1_000));
    }

    [Fact]
    public void An_open_segment_is_judged_as_soon_as_its_evidence_flags_it_and_only_a_change_follows()
    {
        var book = Book(early: true);
        book.Advance(30);                                        // segment 0 (0..10 m) is under the sensors
        var changes = new List<SegmentRevision>();
        _clock.SetTo(1);
        Hits(book, 4, 0.8, 5, changes, startSeconds: 0.95);      // spectra taken 50 ms before "now"
        var first = Assert.Single(changes);
        Assert.Null(first.Previous);
        Assert.Equal(SegmentVerdict.Suspect, first.Current.Verdict);
        Assert.True(first.Current.Early);
        Assert.Equal(0, first.Current.Revision);
        Assert.StartsWith("s", first.Current.DecidedBy, StringComparison.Ordinal);
        // The 4th hit was taken at 0.956 s; the verdict came at 1.0 s.
        Assert.Equal(44, first.Current.DecisionLatencyMs!.Value, 6);

        changes.Clear();
        Hits(book, 3, 0.97, 5.05, changes, startSeconds: 0.958);
        var second = Assert.Single(changes);
        Assert.Equal(SegmentVerdict.Suspect, second.Previous!.Verdict);
        Assert.Equal(SegmentVerdict.Contaminated, second.Current.Verdict);
        Assert.Equal(1, second.Current.Revision);

        // The tail passing the sensors confirms the verdict: nothing new is published for segment 0.
        Assert.DoesNotContain(book.Advance(32.5), c => c.Current.Number == 0);
    }

    [Fact]
    public void Without_early_verdicts_a_flagged_segment_waits_for_its_tail_and_reports_the_wait()
    {
        var book = Book(early: false);
        book.Advance(30);
        var changes = new List<SegmentRevision>();
        Hits(book, 3, 0.97, 5, changes);
        Assert.Empty(changes);
        _clock.SetTo(2);
        var judged = Assert.Single(book.Advance(32.5), c => c.Current.Number == 0).Current;
        Assert.Equal(SegmentVerdict.Contaminated, judged.Verdict);
        Assert.False(judged.Early);
        Assert.Equal(1_996, judged.DecisionLatencyMs!.Value, 6);   // last hit at 0.004 s, judged at 2 s
    }

    [Fact]
    public void Clear_segments_carry_no_decision_latency()
    {
        var book = Book(early: true);
        book.Advance(0);
        var judged = book.Advance(32.5).Single(c => c.Current.Number == 0).Current;
        Assert.Equal(SegmentVerdict.Clear, judged.Verdict);
        Assert.Null(judged.DecisionLatencyMs);
        Assert.Null(judged.DecidedBy);
    }

    [Fact]
    public void New_kinds_of_evidence_for_a_flagged_segment_are_published_even_when_the_verdict_stays()
    {
        var book = Book(early: true);
        book.Advance(30);
        book.Add(Observe.Item(_clock.At(0), "plastic", 0.95, 10, 20), 4, true, out var camera);
        Assert.Equal(SegmentVerdict.Contaminated, camera!.Current.Verdict);
        Assert.Equal(4, camera.Current.HotspotMetres);

        var changes = new List<SegmentRevision>();
        Hits(book, 3, 0.97, 5, changes, startSeconds: 1);          // the NIR confirms it, 1 m further on
        var confirmed = Assert.Single(changes);
        Assert.Equal(SegmentVerdict.Contaminated, confirmed.Current.Verdict);
        Assert.Equal(["contaminant-spectra", "contaminant-detections"], confirmed.Current.Findings.Select(f => f.Code));
        Assert.Equal(5, confirmed.Current.HotspotMetres);           // the cut aims at the NIR cluster
        Assert.Equal(1, confirmed.Current.Revision);
    }
}
