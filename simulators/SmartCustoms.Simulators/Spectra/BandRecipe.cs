namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// A Gaussian absorption band as drawn for each sample: centre ±<see cref="CentreJitterNm"/>,
/// width (sigma) and depth (absorbance at the centre) uniform in their ranges; present with <see cref="Probability"/>.
/// </summary>
public sealed record BandRecipe(double CentreNm, double SigmaMinNm, double SigmaMaxNm, double DepthMin, double DepthMax, double Probability = 1.0)
{
    public double CentreJitterNm { get; init; } = 5.0;
}
