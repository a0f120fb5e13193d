namespace SmartCustoms.Simulators.Spectra;

/// <summary>Small numeric helpers shared by the spectral code.</summary>
public static class SpectralMath
{
    /// <summary>Adds depth·exp(−½((λ−c)/σ)²) to <paramref name="absorbance"/>, skipping pixels beyond 5σ.</summary>
    public static void AddGaussian(ReadOnlySpan<double> wavelengthsNm, double centreNm, double sigmaNm, double depth, Span<double> absorbance)
    {
        double reach = 5 * sigmaNm;
        double inv = 1.0 / sigmaNm;
        for (int i = 0; i < wavelengthsNm.Length; i++)
        {
            double d = wavelengthsNm[i] - centreNm;
            if (d < -reach || d > reach)
            {
                continue;
            }

            double z = d * inv;
            absorbance[i] += depth * Math.Exp(-0.5 * z * z);
        }
    }

    /// <summary>An evenly spaced wavelength axis from <paramref name="firstNm"/> to <paramref name="lastNm"/> inclusive.</summary>
    public static double[] LinearGrid(double firstNm, double lastNm, int pixels)
    {
        if (pixels < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(pixels), pixels, "A wavelength grid needs at least 2 pixels.");
        }

        var grid = new double[pixels];
        double step = (lastNm - firstNm) / (pixels - 1);
        for (int i = 0; i < pixels; i++)
        {
            grid[i] = firstNm + (i * step);
        }

        return grid;
    }
}
