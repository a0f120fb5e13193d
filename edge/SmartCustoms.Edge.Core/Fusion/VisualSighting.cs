namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>The <see cref="VisualItemTracker"/>'s answer for one detection: what to do and what to report.</summary>
/// <param name="Kind">New item, better sighting of a known one, or a mere continuation.</param>
/// <param name="Id">The item's id (the first sighting's).</param>
/// <param name="Sightings">Frames the item has been seen in so far, this one included.</param>
/// <param name="Score">The best score the item has had so far.</param>
/// <param name="WidthM">Width of the largest box the item has had so far, m.</param>
/// <param name="LengthM">Length of that box, m.</param>
public readonly record struct VisualSighting(VisualSightingKind Kind, string Id, int Sightings, double Score, double WidthM, double LengthM)
{
    /// <summary>Whether the lane must be told (a new item or a better sighting).</summary>
    public bool Report => Kind != VisualSightingKind.Continuation;
}
