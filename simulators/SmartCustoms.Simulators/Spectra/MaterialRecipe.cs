namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// How an endmember's reflectance is drawn: a straight continuum (level at 1,500 nm and slope per
/// 1,000 nm) multiplied by exp(−Σ Gaussian absorbances). Immutable.
/// </summary>
public sealed record MaterialRecipe(string Name, double LevelMin, double LevelMax, double SlopeMin, double SlopeMax, IReadOnlyList<BandRecipe> Bands)
{
    /// <summary>Writes one randomised reflectance spectrum on <paramref name="wavelengthsNm"/> into <paramref name="destination"/>.</summary>
    /// <param name="levelScale">Multiplies the continuum (colour of the item).</param>
    public void Render(ReadOnlySpan<double> wavelengthsNm, Random random, Span<double> destination, double levelScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(random);
        double level = random.Uniform(LevelMin, LevelMax) * levelScale;
        double slope = random.Uniform(SlopeMin, SlopeMax) * levelScale;
        for (int i = 0; i < wavelengthsNm.Length; i++)
        {
            destination[i] = 0;
        }

        foreach (var band in Bands)
        {
            if (band.Probability < 1.0 && random.NextDouble() >= band.Probability)
            {
                continue;
            }

            double centre = band.CentreNm + random.Uniform(-band.CentreJitterNm, band.CentreJitterNm);
            double sigma = random.Uniform(band.SigmaMinNm, band.SigmaMaxNm);
            double depth = random.Uniform(band.DepthMin, band.DepthMax);
            SpectralMath.AddGaussian(wavelengthsNm, centre, sigma, depth, destination);
        }

        for (int i = 0; i < wavelengthsNm.Length; i++)
        {
            double continuum = Math.Max(0.002, level + (slope * (wavelengthsNm[i] - 1500.0) / 1000.0));
            destination[i] = continuum * Math.Exp(-destination[i]);
        }
    }
}
