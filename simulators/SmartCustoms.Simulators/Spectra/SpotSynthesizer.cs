using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// Builds the reflectance of a spot on the belt: the ore's mineral endmembers mixed by area,
/// darkened by water bands scaled by moisture, linearly mixed with the exposed items by their area
/// fraction, then multiplicative scatter and an additive baseline offset/slope.
/// Not thread-safe (owns scratch buffers): one per thread.
/// </summary>
public sealed class SpotSynthesizer
{
    private readonly IEndmemberSource _source;
    private readonly double[] _grid;
    private readonly double[] _a;
    private readonly double[] _water;

    public SpotSynthesizer(IEndmemberSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _grid = [.. source.WavelengthsNm];
        _a = new double[_grid.Length];
        _water = new double[_grid.Length];
    }

    public int Pixels => _grid.Length;

    public ScatterOptions Scatter { get; init; } = new();

    /// <summary>Writes the reflectance of a spot showing <paramref name="ore"/> and the given items.</summary>
    public void Spot(in OreSample ore, ReadOnlySpan<SpotComponent> items, Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (destination.Length != _grid.Length)
        {
            throw new ArgumentException($"Destination has {destination.Length} pixels, the grid {_grid.Length}.", nameof(destination));
        }

        double covered = 0;
        foreach (var item in items)
        {
            covered += Math.Max(0, item.AreaFraction);
        }

        double scale = covered > 1 ? 1 / covered : 1;
        double oreShare = Math.Max(0, 1 - covered);
        _source.WaterAbsorbancePerPercent(random, _water);

        destination.Clear();
        if (oreShare > 0)
        {
            AddMineral(Endmember.Hematite, ore.Hematite * oreShare, random, destination);
            AddMineral(Endmember.Goethite, ore.Goethite * oreShare, random, destination);
            AddMineral(Endmember.Magnetite, ore.Magnetite * oreShare, random, destination);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] *= Math.Exp(-ore.MoisturePct * _water[i]);
            }
        }

        foreach (var item in items)
        {
            double f = Math.Max(0, item.AreaFraction) * scale;
            if (f <= 0)
            {
                continue;
            }

            var endmember = EndmemberLibrary.For(item.Material, item.Colour);
            double colour = endmember is Endmember.BlackPlastic or Endmember.BlackRubber ? 1.0 : EndmemberLibrary.ColourScale(item.Colour);
            var (wetMin, wetMax) = EndmemberLibrary.SurfaceWetness(endmember);
            double wetPct = ore.MoisturePct * random.Uniform(wetMin, wetMax);
            _source.Reflectance(endmember, random, _a);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] += f * colour * _a[i] * Math.Exp(-wetPct * _water[i]);
            }
        }

        ApplyScatter(random, destination);
    }

    private void AddMineral(Endmember mineral, double weight, Random random, Span<double> destination)
    {
        if (weight <= 0)
        {
            return;
        }

        _source.Reflectance(mineral, random, _a);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] += weight * _a[i];
        }
    }

    private void ApplyScatter(Random random, Span<double> destination)
    {
        var s = Scatter;
        if (s.MultiplicativeSd <= 0 && s.OffsetSd <= 0 && s.SlopeSd <= 0)
        {
            return;
        }

        double a = Math.Max(0.5, random.Gaussian(1, s.MultiplicativeSd));
        double b = random.Gaussian(0, s.OffsetSd);
        double c = random.Gaussian(0, s.SlopeSd);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Math.Max(0.001, (a * destination[i]) + b + (c * (_grid[i] - 1500.0) / 1000.0));
        }
    }
}
