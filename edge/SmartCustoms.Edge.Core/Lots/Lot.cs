using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Core.Segments;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>One lot's running totals. Not thread-safe (owned by <see cref="LotBook"/>).</summary>
public sealed class Lot
{
    private readonly Dictionary<string, int> _items = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _increments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _oreFamilies = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HoldRelease> _releases = [];
    private double? _lastTotaliser;

    internal Lot(LotDeclaration declaration, DateTimeOffset startedAt, long startTimestamp)
    {
        Declaration = declaration;
        StartedAt = startedAt;
        StartTimestamp = startTimestamp;
    }

    public LotDeclaration Declaration { get; }

    public string Id => Declaration.LotId;

    public DateTimeOffset StartedAt { get; }

    /// <summary>Monotonic timestamp of start-lot.</summary>
    public long StartTimestamp { get; }

    public DateTimeOffset? EndedAt { get; internal set; }

    public bool IsOpen => EndedAt is null;

    /// <summary>Tonnes through the scale since start: the sum of positive totaliser deltas (survives a totaliser reset).</summary>
    public double Tonnes { get; private set; }

    public int ClearSegments { get; private set; }

    public int SuspectSegments { get; private set; }

    public int ContaminatedSegments { get; private set; }

    public bool RadiationAlarm { get; internal set; }

    public int OreSpectra { get; private set; }

    public IReadOnlyDictionary<string, int> OreFamilies => _oreFamilies;

    public LotVerdict Verdict { get; internal set; } = LotVerdict.Clear;

    public BrandConformity? Brand { get; internal set; }

    public SamplingPlan? Plan { get; internal set; }

    /// <summary>HOLD releases by a supervisor, oldest first.</summary>
    public IReadOnlyList<HoldRelease> Releases => _releases;

    internal void Release(HoldRelease release) => _releases.Add(release);

    internal void RecordTotaliser(double totaliserTonnes)
    {
        if (_lastTotaliser is { } last && totaliserTonnes > last)
        {
            Tonnes += totaliserTonnes - last;
        }

        _lastTotaliser = totaliserTonnes;
    }

    internal void RecordOreFamily(string family)
    {
        OreSpectra++;
        _oreFamilies[family] = _oreFamilies.GetValueOrDefault(family) + 1;
    }

    internal void RecordIncrementTaken(string reason) => _increments[reason] = _increments.GetValueOrDefault(reason) + 1;

    /// <summary>
    /// Counts a judged segment; a revision first takes the previous judgement back out — only if that judgement was
    /// counted here (a segment published early before any lot started joins the lot with no LotId on the earlier
    /// report: subtracting it would drive a count below zero).
    /// </summary>
    internal void Apply(SegmentReport report, SegmentReport? previous)
    {
        if (previous is not null && string.Equals(previous.LotId, Id, StringComparison.Ordinal))
        {
            Count(previous, -1);
        }

        Count(report, +1);
    }

    internal LotSnapshot Snapshot(BrandConformity brand) => new(
        Declaration, StartedAt, EndedAt, Tonnes, ClearSegments, SuspectSegments, ContaminatedSegments,
        new Dictionary<string, int>(_items), new Dictionary<string, int>(_increments), RadiationAlarm,
        brand, Verdict, Plan, [.. _releases]);

    private void Count(SegmentReport report, int sign)
    {
        switch (report.Verdict)
        {
            case SegmentVerdict.Clear: ClearSegments += sign; break;
            case SegmentVerdict.Suspect: SuspectSegments += sign; break;
            default: ContaminatedSegments += sign; break;
        }

        foreach (var share in report.ContaminantShares)
        {
            // An item seen by both camera and NIR is counted once per kind of evidence: detections are items,
            // NIR item-size clusters count only where no detection of that material was made on the segment.
            var items = share.Detections > 0 ? share.Detections : share.SpectralItems;
            _items[share.Material] = _items.GetValueOrDefault(share.Material) + (sign * items);
        }
    }
}
