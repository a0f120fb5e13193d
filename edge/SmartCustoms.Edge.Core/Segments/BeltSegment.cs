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

    /// <summary>The last published judgement; null until the segment is flagged early or judged.</summary>
    public SegmentReport? Report { get; set; }

    /// <summary>The tail passed the last sensor and the segment was judged with all its evidence.</summary>
    public bool Final { get; set; }

    /// <summary>The last observation that could change the verdict (id, acquisition timestamp): what a decision waited for.</summary>
    public (string? Id, long Timestamp)? LastEvidence { get; set; }

    public bool Contains(double coordinate) =>
        coordinate >= Start && (double.IsNaN(End) || coordinate < End);
}
