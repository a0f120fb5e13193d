using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Segments;

public sealed class SegmentBookTests
{
    private readonly LaneClock _clock = new();

    private SegmentBook Book(SegmentMode mode = SegmentMode.Length, double settle = 0.5)
    {
        var geometry = new LaneGeometry(new LaneGeometryOptions { ScaleMetres = 0, CameraMetres = 20, NirMetres = 21, RadiationMetres = 22, CutterMetres = 60 });
        var options = new SegmentOptions { Mode = mode, LengthMetres = 10, Tonnes = 20, SettleMetres = settle };
        return new SegmentBook(options, new VerdictOptions(), geometry, _clock.Time) { CurrentLotId = "LOT-1" };
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
        Assert.DoesNotContain(early, r => r.Number == 0);
        var judged = book.Advance(32.5);
        var segment0 = Assert.Single(judged);
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
        Assert.Equal([-2L, -1, 0, 1, 2, 3], judged.Select(r => r.Number));
        Assert.All(judged, r => Assert.Equal(SegmentVerdict.Clear, r.Verdict));
    }

    [Fact]
    public void Observations_go_to_the_segment_holding_their_coordinate()
    {
        var book = Book();
        book.Advance(30);
        for (var i = 0; i < 3; i++)
        {
            book.Add(Observe.Contaminant(), 9.99, true, out _);
        }

        book.Add(Observe.Contaminant(p: 0.7), 10.0, true, out _);
        var judged = book.Advance(42.5);
        Assert.Equal(SegmentVerdict.Contaminated, judged.Single(r => r.Number == 0).Verdict);
        Assert.Equal(SegmentVerdict.Suspect, judged.Single(r => r.Number == 1).Verdict);
    }

    [Fact]
    public void A_late_observation_revises_the_verdict_only_when_it_changes()
    {
        var book = Book();
        book.Advance(0);
        Assert.Equal(SegmentVerdict.Clear, book.Advance(32.5).Single(r => r.Number == 0).Verdict);

        Assert.Equal(ObservationPlacement.Late, book.Add(Observe.Ore(), 5, true, out var none));
        Assert.Null(none);
        Assert.Equal(ObservationPlacement.Late, book.Add(Observe.Contaminant(), 5, true, out var first));
        Assert.Equal(SegmentVerdict.Clear, first!.Previous.Verdict);
        Assert.Equal(SegmentVerdict.Suspect, first.Current.Verdict);
        Assert.Equal(1, first.Current.Revision);
        book.Add(Observe.Contaminant(), 5, true, out var second);
        Assert.Null(second);
        book.Add(Observe.Contaminant(), 5, true, out var third);
        Assert.Equal(SegmentVerdict.Contaminated, third!.Current.Verdict);
        Assert.Equal(2, third.Current.Revision);
        Assert.Equal(4, book.LateObservations);
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
        Assert.Equal(ObservationPlacement.Added, book.Add(Observe.Contaminant(), 7.9, true, out _));

        var judged = book.Advance(8 + 22.5);
        var segment0 = Assert.Single(judged);
        Assert.Equal((0.0, 8.0), (segment0.StartMetres, segment0.EndMetres));
        Assert.Equal((100.0, 120.0), (segment0.StartTonnes!.Value, segment0.EndTonnes!.Value));
        Assert.Equal(SegmentVerdict.Suspect, segment0.Verdict);
        Assert.Equal(1, book.DroppedObservations);

        var segment1 = Assert.Single(book.Advance(15 + 22.5));
        Assert.Equal((8.0, 15.0), (segment1.StartMetres, segment1.EndMetres));
        // Segment 2 is still filling: never judged until its tonnage is complete.
        Assert.Empty(book.Advance(1_000));
    }
}
