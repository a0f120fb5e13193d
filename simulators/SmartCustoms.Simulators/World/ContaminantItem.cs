namespace SmartCustoms.Simulators.World;

/// <summary>
/// A foreign item in the ore stream.
/// </summary>
/// <param name="Id">Stable id within a run (same seed, same id).</param>
/// <param name="BeltCoordinateM">
/// Where on the belt the item lies: belt travel (m) at the moment that spot of the belt passed the
/// loading point. The item is at lane position x at time t when BeltTravel(t) − BeltCoordinateM = x.
/// </param>
/// <param name="AcrossOffsetM">Offset from the belt centre line, m (negative = left looking downstream).</param>
/// <param name="SizeM">Largest dimension, m (0.02–0.60).</param>
/// <param name="WidthM">Smaller dimension seen from above, m.</param>
/// <param name="Exposed">True when part of the item lies on the surface; buried items are invisible to NIR and camera.</param>
public sealed record ContaminantItem(
    string Id,
    ContaminantMaterial Material,
    ItemColour Colour,
    double BeltCoordinateM,
    double AcrossOffsetM,
    double SizeM,
    double WidthM,
    bool Exposed)
{
    public ContaminantClass Class => ContaminantMaterials.ClassOf(Material);

    public bool IsCarbonBlack => ContaminantMaterials.IsCarbonBlack(Material, Colour);
}
