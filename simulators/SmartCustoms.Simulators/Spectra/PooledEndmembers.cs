namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// A fixed pool of randomised variants per endmember, rendered once for a grid and then copied:
/// the live instrument takes hundreds of spectra per second and should not redraw Gaussians each time.
/// Thread-safe (read-only after construction).
/// </summary>
public sealed class PooledEndmembers : IEndmemberSource
{
    private readonly double[] _grid;
    private readonly double[][][] _variants;
    private readonly double[][] _water;

    public PooledEndmembers(IReadOnlyList<double> wavelengthsNm, int seed, int variantsPerEndmember = 48)
    {
        ArgumentNullException.ThrowIfNull(wavelengthsNm);
        ArgumentOutOfRangeException.ThrowIfLessThan(variantsPerEndmember, 1);
        _grid = [.. wavelengthsNm];
        var fresh = new FreshEndmembers(_grid);
        var all = Enum.GetValues<Endmember>();
        _variants = new double[all.Length][][];
        foreach (var e in all)
        {
            var rng = SimRandom.Create(seed, 500, (int)e);
            var pool = new double[variantsPerEndmember][];
            for (int v = 0; v < pool.Length; v++)
            {
                pool[v] = new double[_grid.Length];
                fresh.Reflectance(e, rng, pool[v]);
            }

            _variants[(int)e] = pool;
        }

        var waterRng = SimRandom.Create(seed, 501, 0);
        _water = new double[variantsPerEndmember][];
        for (int v = 0; v < _water.Length; v++)
        {
            _water[v] = new double[_grid.Length];
            fresh.WaterAbsorbancePerPercent(waterRng, _water[v]);
        }
    }

    public IReadOnlyList<double> WavelengthsNm => _grid;

    public void Reflectance(Endmember endmember, Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        var pool = _variants[(int)endmember];
        pool[random.Next(pool.Length)].CopyTo(destination);
    }

    public void WaterAbsorbancePerPercent(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        _water[random.Next(_water.Length)].CopyTo(destination);
    }
}
