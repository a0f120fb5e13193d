namespace SmartCustoms.Models.Spectra;

/// <summary>How many invalid (NaN, infinite) pixels a spectrum may have before it is refused.</summary>
/// <param name="MaxInvalidRun">Longest run of adjacent invalid pixels that is still bridged by interpolation.</param>
/// <param name="MaxInvalidFraction">Largest share of invalid pixels among those the model grid uses.</param>
public sealed record SpectrumQualityLimits(int MaxInvalidRun, double MaxInvalidFraction)
{
    /// <summary>Isolated saturated pixels (up to 2 in a row, at most 5%) are bridged; more means a bad spectrum.</summary>
    public static SpectrumQualityLimits Default { get; } = new(2, 0.05);
}
