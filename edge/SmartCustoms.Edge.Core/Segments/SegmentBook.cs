using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Segments;

/// <summary>
/// Cuts the belt into segments (by length, or by tonnage through the scale), files each observation into the
/// segment under the device at the time it was made, and judges a segment once its tail has passed the last
/// sensor plus <c>Lane:Segments:SettleMetres</c>. Late observations still reach recently judged segments and
/// revise the verdict when it changes. Not thread-safe: the owner (the lane core) serialises calls.
/// </summary>
public sealed class SegmentBook
{
    // A stale belt that suddenly jumps kilometres ahead must not create millions of empty segments at once.
    private const int MaxSegmentsPerAdvance = 1_000;

    private readonly SegmentOptions _options;
    private readonly VerdictOptions _rules;
    private readonly LaneGeometry _geometry;
    private readonly TimeProvider _time;
    private readonly SegmentJudge _judge;
    private readonly List<BeltSegment> _open = [];
    private readonly Queue<BeltSegment> _recent = new();
    private long _judgedUpTo = long.MinValue;
    private long _nextTonnageNumber;
    private string? _currentLotId;

    public SegmentBook(SegmentOptions options, VerdictOptions rules, LaneGeometry geometry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _rules = rules;
        _geometry = geometry;
        _time = time;
        _judge = new SegmentJudge(rules);
    }

    /// <summary>
    /// The lot new segments belong to (set by the lane core on start-lot / end-lot). Setting a lot also gives
    /// it the open segments that have none yet: their material is still under the sensors when the lot starts.
    /// </summary>
    public string? CurrentLotId
    {
        get => _currentLotId;
        set
        {
            _currentLotId = value;
            if (value is not null)
            {
                foreach (var segment in _open.Where(s => s.LotId is null))
                {
                    segment.LotId = value;
                }
            }
        }
    }

    public long DroppedObservations { get; private set; }

    public long LateObservations { get; private set; }

    public int OpenSegments => _open.Count;

    /// <summary>Counts an observation the owner could not even place on the belt (no belt history for its time).</summary>
    public void CountDropped() => DroppedObservations++;

    /// <summary>
    /// Files a spectrum. <paramref name="revised"/> is set when the segment's published verdict changed: its first
    /// (early) judgement when the spectrum made an open segment suspect or contaminated, or a revision of a judged one.
    /// </summary>
    public ObservationPlacement Add(SpectralObservation spectrum, double coordinate, bool certain, out SegmentRevision? revised)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        return Place(coordinate, (spectrum.Id, spectrum.Timestamp), out revised, s => s.Evidence.Add(spectrum, coordinate, certain));
    }

    public ObservationPlacement Add(VisualDetection detection, double coordinate, bool certain, out SegmentRevision? revised)
    {
        ArgumentNullException.ThrowIfNull(detection);
        return Place(coordinate, (detection.Id, detection.Timestamp), out revised, s => s.Evidence.Add(detection, coordinate, certain));
    }

    public ObservationPlacement Add(RadiationReading reading, double coordinate, bool certain, out SegmentRevision? revised)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return Place(coordinate, (null, reading.Timestamp), out revised, s => s.Evidence.Add(reading, certain));
    }

    /// <summary>
    /// Files what the radiation peak finder decided: a counted reading at its coordinate, a spread excursion's level
    /// where its reading was taken, or a located source's level on every segment within <paramref name="toleranceMetres"/>
    /// of its position (two when it lies that close to a boundary). Adds every published change to <paramref name="revisions"/>.
    /// </summary>
    internal ObservationPlacement Add(RadiationFiling filing, double toleranceMetres, List<SegmentRevision> revisions)
    {
        var reading = filing.Reading;
        if (filing.Kind == RadiationFilingKind.Reading)
        {
            var placement = Place(filing.Coordinate, (null, reading.Timestamp), out var revised, s => s.Evidence.Add(reading, filing.Certain));
            Collect(revised, revisions);
            return placement;
        }

        if (filing.Kind == RadiationFilingKind.Level)
        {
            var placement = Place(filing.Coordinate, (null, reading.Timestamp), out var revised,
                s => s.Evidence.AddRadiationLevel(reading, filing.Coordinate, filing.Certain, source: false));
            Collect(revised, revisions);
            return placement;
        }

        var result = ObservationPlacement.Dropped;
        var filed = new List<BeltSegment>(2);
        foreach (var at in new[] { filing.Coordinate, filing.Coordinate - toleranceMetres, filing.Coordinate + toleranceMetres })
        {
            var segment = Find(at);
            if (segment is null || filed.Contains(segment))
            {
                continue;
            }

            filed.Add(segment);
            var placement = Place(at, (null, reading.Timestamp), out var revised,
                s => s.Evidence.AddRadiationLevel(reading, filing.Coordinate, filing.Certain, source: true));
            Collect(revised, revisions);
            result = result == ObservationPlacement.Dropped ? placement : result;
        }

        return result;
    }

    private static void Collect(SegmentRevision? revised, List<SegmentRevision> revisions)
    {
        if (revised is not null)
        {
            revisions.Add(revised);
        }
    }

    /// <summary>
    /// Tonnes mode: the totaliser read <paramref name="totaliserTonnes"/> while the material with belt coordinate
    /// <paramref name="coordinateAtScale"/> was on the scale. Closes the filling segment once it holds the
    /// configured tonnage. Ignored in Length mode.
    /// </summary>
    public void RecordTotaliser(double totaliserTonnes, double coordinateAtScale)
    {
        if (_options.Mode != SegmentMode.Tonnes || !double.IsFinite(totaliserTonnes))
        {
            return;
        }

        var filling = _open.Count > 0 && double.IsNaN(_open[^1].End) ? _open[^1] : null;
        if (filling is null)
        {
            _open.Add(NewSegment(_nextTonnageNumber++, coordinateAtScale, totaliserTonnes));
            return;
        }

        if (totaliserTonnes - filling.StartTonnes >= _options.Tonnes && coordinateAtScale > filling.Start)
        {
            filling.End = coordinateAtScale;
            filling.EndTonnes = totaliserTonnes;
            _open.Add(NewSegment(_nextTonnageNumber++, coordinateAtScale, totaliserTonnes));
        }
    }

    /// <summary>
    /// The belt reached <paramref name="beltPositionMetres"/>: opens segments whose head reached the first sensor
    /// and judges those whose tail passed the last sensor plus the settle distance, oldest first. Returns the
    /// published changes: a first judgement (Previous null), or a revision when the final verdict differs from
    /// the early one. A final verdict equal to the early one is kept without a new event.
    /// </summary>
    public IReadOnlyList<SegmentRevision> Advance(double beltPositionMetres)
    {
        if (_options.Mode == SegmentMode.Length)
        {
            OpenLengthSegmentsUpTo(beltPositionMetres - _geometry.FirstSensorMetres);
        }

        var horizon = beltPositionMetres - _geometry.LastSensorMetres - _options.SettleMetres;
        List<SegmentRevision>? judged = null;
        while (_open.Count > 0 && !double.IsNaN(_open[0].End) && _open[0].End <= horizon)
        {
            var segment = _open[0];
            _open.RemoveAt(0);
            segment.Final = true;
            var previous = segment.Report;
            var final = Judge(segment, previous is null ? 0 : previous.Revision + 1, early: false, segment.LastEvidence);
            _judgedUpTo = Math.Max(_judgedUpTo, segment.Number);
            Remember(segment);
            if (previous is null || previous.Verdict != final.Verdict || !SameFindings(previous, final))
            {
                segment.Report = final;
                (judged ??= []).Add(new SegmentRevision(previous, final));
            }
            else
            {
                // Same verdict as published early: keep the complete counts for queries, publish nothing new.
                segment.Report = final with { Revision = previous.Revision, Early = true, DecidedBy = previous.DecidedBy, DecisionLatencyMs = previous.DecisionLatencyMs };
            }
        }

        return judged ?? (IReadOnlyList<SegmentRevision>)[];
    }

    private void OpenLengthSegmentsUpTo(double headCoordinate)
    {
        var newest = (long)Math.Floor(headCoordinate / _options.LengthMetres);
        var next = _open.Count > 0 ? _open[^1].Number + 1
            : _judgedUpTo == long.MinValue ? newest : _judgedUpTo + 1;
        if (newest - next > MaxSegmentsPerAdvance)
        {
            next = newest - MaxSegmentsPerAdvance;
        }

        for (var n = next; n <= newest; n++)
        {
            _open.Add(NewLengthSegment(n));
        }
    }

    private ObservationPlacement Place(double coordinate, (string? Id, long Timestamp) observation, out SegmentRevision? revised, Func<BeltSegment, bool> add)
    {
        revised = null;
        var segment = Find(coordinate);
        if (segment is null)
        {
            DroppedObservations++;
            return ObservationPlacement.Dropped;
        }

        var evidence = add(segment);
        if (evidence)
        {
            segment.LastEvidence = observation;
        }

        if (!segment.Final)
        {
            // A tonnage segment still filling has no end yet: it is judged when it is complete.
            if (evidence && _options.EarlyVerdicts && !double.IsNaN(segment.End))
            {
                // Published early: a rise, or new kinds of evidence for a flagged segment (e.g. the NIR confirming
                // what the camera flagged: the findings say so and the cut re-aims). More evidence never lowers it.
                var previous = segment.Report;
                var now = Judge(segment, previous is null ? 0 : previous.Revision + 1, early: true, observation);
                if (now.Verdict > (previous?.Verdict ?? SegmentVerdict.Clear)
                    || (previous is not null && !SameFindings(previous, now)))
                {
                    revised = new SegmentRevision(previous, now);
                    segment.Report = now;
                }
            }

            return ObservationPlacement.Added;
        }

        LateObservations++;
        var current = segment.Report!;
        var again = Judge(segment, current.Revision + 1, current.Early, observation);
        if (again.Verdict != current.Verdict || (again.Verdict != SegmentVerdict.Clear && !SameFindings(current, again)))
        {
            revised = new SegmentRevision(current, again);
            segment.Report = again;
        }

        return ObservationPlacement.Late;
    }

    private BeltSegment? Find(double coordinate)
    {
        if (!double.IsFinite(coordinate))
        {
            return null;
        }

        foreach (var open in _open)
        {
            if (open.Contains(coordinate))
            {
                return open;
            }
        }

        foreach (var recent in _recent)
        {
            if (recent.Contains(coordinate))
            {
                return recent;
            }
        }

        if (_options.Mode == SegmentMode.Length)
        {
            var n = (long)Math.Floor(coordinate / _options.LengthMetres);
            if (n > _judgedUpTo)
            {
                // Material upstream of what the belt has opened so far (e.g. a sensor placed before the
                // configured first sensor, or before the first Advance): open its segment now, in order.
                var segment = NewLengthSegment(n);
                var at = _open.FindIndex(s => s.Number > n);
                _open.Insert(at < 0 ? _open.Count : at, segment);
                return segment;
            }
        }

        return null;
    }

    private BeltSegment NewLengthSegment(long n)
    {
        var segment = NewSegment(n, n * _options.LengthMetres, null);
        segment.End = (n + 1) * _options.LengthMetres;
        return segment;
    }

    private BeltSegment NewSegment(long number, double start, double? startTonnes) =>
        new(number, start, CurrentLotId, new SegmentEvidence(_rules, _options.MaxEvidenceIds, _time.TimestampFrequency)) { StartTonnes = startTonnes };

    private void Remember(BeltSegment segment)
    {
        _recent.Enqueue(segment);
        while (_recent.Count > _options.RecentJudgedKept)
        {
            _recent.Dequeue();
        }
    }

    private static bool SameFindings(SegmentReport a, SegmentReport b) =>
        a.Findings.Select(f => f.Code).SequenceEqual(b.Findings.Select(f => f.Code), StringComparer.Ordinal);

    private SegmentReport Judge(BeltSegment segment, int revision, bool early, (string? Id, long Timestamp)? decidedBy)
    {
        var length = segment.End - segment.Start;
        var judgement = _judge.Judge(segment.Evidence, length, _geometry.BeltWidthMetres);
        var flagged = judgement.Verdict != SegmentVerdict.Clear && decidedBy is not null;
        return new SegmentReport(
            segment.Number,
            segment.LotId,
            segment.Start,
            segment.End,
            segment.StartTonnes,
            segment.EndTonnes,
            judgement.Verdict,
            judgement.Findings,
            segment.Evidence.Counts(),
            segment.Evidence.Ids(),
            judgement.ContaminantShares,
            segment.Evidence.Models,
            segment.Evidence.HotspotCoordinate,
            revision,
            _time.GetUtcNow(),
            early,
            flagged ? decidedBy!.Value.Id : null,
            flagged ? Math.Round(_time.GetElapsedTime(decidedBy!.Value.Timestamp).TotalMilliseconds, 2) : null);
    }
}
