using SmartCustoms.Edge.Core.Fusion;

namespace SmartCustoms.Edge.Core.Segments;

/// <summary>One segment while it is open or recently judged. Not thread-safe (owned by <see cref="SegmentBook"/>).</summary>
internal sealed class BeltSegment(long number, double start, string? lotId, SegmentEvidence evidence)
{
    public long Number { get; } = number;

    public double Start { get; } = start;

    /// <summary>NaN while a tonnage segment is still filling.</summary>
    public double End { get; set; } = double.NaN;

    public double? StartTonnes { get; init; }

    public double? EndTonnes { get; set; }

    /// <summary>Settable once: an open segment without a lot joins the lot that starts while it is on the sensors.</summary>
    public string? LotId { get; set; } = lotId;

    public SegmentEvidence Evidence { get; } = evidence;

    /// <summary>The last judgement; null while open.</summary>
    public SegmentReport? Report { get; set; }

    public bool Contains(double coordinate) =>
        coordinate >= Start && (double.IsNaN(End) || coordinate < End);
}
