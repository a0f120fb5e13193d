namespace SmartCustoms.Edge.Core.Observations;

/// <summary>One object found by the vision model in a camera frame.</summary>
/// <param name="Id">Stable id of the detection / its evidence.</param>
/// <param name="Timestamp">Monotonic timestamp when the frame was captured.</param>
/// <param name="MaterialClass">The detected class (e.g. <c>plastic</c>, <c>wood</c>, <c>rubber</c>, <c>metal</c>).</param>
/// <param name="Score">Detection confidence (0-1).</param>
/// <param name="WidthCm">Box width on the belt, cm.</param>
/// <param name="LengthCm">Box length along the belt, cm.</param>
/// <param name="OffsetAlongBeltMetres">Where the box centre is relative to the camera's configured position, m (downstream positive).</param>
/// <param name="Sightings">
/// In how many frames the camera has seen this item so far (1 at its first report). The camera reports an item again,
/// with the same <paramref name="Id"/>, when a later frame shows it better (higher score, larger, or seen more often):
/// the segment keeps the best report of each id (<see cref="Fusion.VisualItemTracker"/>).
/// </param>
public sealed record VisualDetection(
    string Id,
    long Timestamp,
    string MaterialClass,
    double Score,
    double WidthCm,
    double LengthCm,
    double OffsetAlongBeltMetres = 0,
    int Sightings = 1)
{
    /// <summary>The larger side of the box: what the size thresholds compare.</summary>
    public double SizeCm => Math.Max(WidthCm, LengthCm);

    public double AreaCm2 => WidthCm * LengthCm;
}
