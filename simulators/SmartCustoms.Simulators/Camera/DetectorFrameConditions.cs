namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// What a detector training / test set varies: ore brands, lighting, belt speed (motion blur), item
/// count and sizes. Held-out sets use values the training set lacks (other brands, darker/brighter or
/// tinted light, faster belt).
/// </summary>
public sealed record DetectorFrameConditions
{
    public required IReadOnlyList<World.OreBrand> Brands { get; init; }

    /// <summary>Overall lighting gain range (1 = the simulator's nominal light).</summary>
    public double GainMin { get; init; } = 0.85;

    public double GainMax { get; init; } = 1.15;

    /// <summary>Largest per-channel deviation of the light's colour (0 = white light; 0.1 = ±10 % per channel).</summary>
    public double ColourCast { get; init; }

    /// <summary>Belt speed range, m/s: blur = speed × exposure.</summary>
    public double SpeedMinMps { get; init; } = 3.5;

    public double SpeedMaxMps { get; init; } = 5.0;

    /// <summary>Share of frames without any item.</summary>
    public double CleanFraction { get; init; } = 0.25;

    /// <summary>Most items in one frame (frames with items hold 1..this many).</summary>
    public int MaxItems { get; init; } = 4;

    /// <summary>Item size range (largest dimension), m; drawn log-uniform like the lane world.</summary>
    public double SizeMinM { get; init; } = 0.02;

    public double SizeMaxM { get; init; } = 0.60;

    /// <summary>Materials to draw from (empty = all).</summary>
    public IReadOnlyList<World.ContaminantMaterial> Materials { get; init; } = [];

    public string? Validate()
    {
        if (Brands.Count == 0)
        {
            return "at least one brand is needed.";
        }

        if (GainMin <= 0 || GainMax < GainMin)
        {
            return $"gain range {GainMin}-{GainMax} is not usable (0 < min <= max).";
        }

        if (ColourCast is < 0 or > 0.5)
        {
            return $"colour cast {ColourCast} must be 0-0.5.";
        }

        if (SpeedMinMps < 0 || SpeedMaxMps < SpeedMinMps)
        {
            return $"speed range {SpeedMinMps}-{SpeedMaxMps} m/s is not usable.";
        }

        if (CleanFraction is < 0 or > 1)
        {
            return $"clean fraction {CleanFraction} must be 0-1.";
        }

        if (MaxItems is < 1 or > 20)
        {
            return $"max items {MaxItems} must be 1-20.";
        }

        return SizeMinM <= 0 || SizeMaxM < SizeMinM || SizeMaxM > 0.6
            ? $"size range {SizeMinM}-{SizeMaxM} m must lie in (0, 0.6]."
            : null;
    }
}
