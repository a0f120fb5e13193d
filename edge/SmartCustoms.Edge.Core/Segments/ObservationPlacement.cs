namespace SmartCustoms.Edge.Core.Segments;

/// <summary>What happened to an observation handed to the <see cref="SegmentBook"/>.</summary>
public enum ObservationPlacement
{
    /// <summary>Added to a segment that is still open.</summary>
    Added,

    /// <summary>Arrived after its segment was judged; added to it (the verdict is revised if it changes).</summary>
    Late,

    /// <summary>No segment to put it in (too old, or before the first tonnage boundary); counted.</summary>
    Dropped,
}
