namespace SmartCustoms.Simulators.World;

/// <summary>What a sensor sees at a time: the ore surface and the exposed items covering part of the footprint.</summary>
/// <param name="BeltCoordinateM">The belt coordinate under the footprint centre.</param>
/// <param name="BeltSpeedMps">Belt speed at that time.</param>
public sealed record FootprintView(double TimeS, double BeltCoordinateM, double BeltSpeedMps, OreSample Ore, IReadOnlyList<ItemInView> Items)
{
    /// <summary>Sum of item fractions, capped at 1.</summary>
    public double ContaminantFraction => Math.Min(1.0, Items.Sum(i => i.AreaFraction));
}
