namespace SmartCustoms.Simulators.Spectra;

/// <summary>Draws every endmember anew from its recipe: maximum variety, for datasets. Thread-safe.</summary>
public sealed class FreshEndmembers : IEndmemberSource
{
    private readonly double[] _grid;

    public FreshEndmembers(IReadOnlyList<double> wavelengthsNm)
    {
        ArgumentNullException.ThrowIfNull(wavelengthsNm);
        _grid = [.. wavelengthsNm];
    }

    public IReadOnlyList<double> WavelengthsNm => _grid;

    public void Reflectance(Endmember endmember, Random random, Span<double> destination) =>
        EndmemberLibrary.Recipe(endmember).Render(_grid, random, destination);

    public void WaterAbsorbancePerPercent(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        destination.Clear();
        foreach (var band in EndmemberLibrary.WaterPerPercent)
        {
            double centre = band.CentreNm + random.Uniform(-band.CentreJitterNm, band.CentreJitterNm);
            SpectralMath.AddGaussian(_grid, centre, random.Uniform(band.SigmaMinNm, band.SigmaMaxNm), random.Uniform(band.DepthMin, band.DepthMax), destination);
        }
    }
}
