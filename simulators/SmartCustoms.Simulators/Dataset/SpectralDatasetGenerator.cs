using System.Globalization;
using System.Text;
using SmartCustoms.Simulators.Spectra;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Dataset;

/// <summary>
/// Generates labelled spectra for model training. Each row is simulated end to end: the spot
/// reflectance (ore of a brand, optionally a contaminant covering part of the spot), the instrument
/// counts (lamp, temperature, noise, saturation), dark and white references taken at calibration
/// under slightly different conditions, then R = (S − D)/(W − D) as the gateway computes it.
/// Row i depends only on (seed, i), so output is identical for a seed whatever the thread count.
/// Thread-safe.
/// </summary>
public sealed class SpectralDatasetGenerator
{
    private const int BlockSize = 1024;
    private readonly SpectralDatasetOptions _options;
    private readonly NirInstrumentModel _instrument;
    private readonly FreshEndmembers _endmembers;

    public SpectralDatasetGenerator(SpectralDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        _instrument = new NirInstrumentModel(serialSeed: 1);
        _endmembers = new FreshEndmembers(_instrument.WavelengthsNm);
    }

    public IReadOnlyList<double> WavelengthsNm => _instrument.WavelengthsNm;

    /// <summary>The CSV header: label,brand,material,fraction,moisture,r_1000.0,r_1003.9,….</summary>
    public string Header()
    {
        var sb = new StringBuilder("label,brand,material,fraction,moisture");
        foreach (double w in WavelengthsNm)
        {
            sb.Append(CultureInfo.InvariantCulture, $",r_{w:F1}");
        }

        return sb.ToString();
    }

    /// <summary>Simulates row <paramref name="index"/>.</summary>
    public SpectralSample Generate(int index, SpotSynthesizer synthesizer)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        var o = _options;
        var rng = SimRandom.Create(o.Seed, 900, index);
        var brand = o.Brands[rng.Next(o.Brands.Count)];
        double moisture = o.MoistureMinPct is { } lo && o.MoistureMaxPct is { } hi
            ? rng.Uniform(lo, hi)
            : rng.Uniform(brand.MoistureMinPct, brand.MoistureMaxPct);
        double hem = brand.HematiteFraction * Math.Max(0.05, 1 + rng.Gaussian(0, 0.1));
        double goe = brand.GoethiteFraction * Math.Max(0.05, 1 + rng.Gaussian(0, 0.1));
        double mag = brand.MagnetiteFraction * Math.Max(0.05, 1 + rng.Gaussian(0, 0.1));
        double sum = hem + goe + mag;
        var ore = new OreSample(brand, hem / sum, goe / sum, mag / sum, moisture);

        string label = "ore";
        string material = brand.FamilyName;
        double fraction = 0;
        Span<SpotComponent> items = stackalloc SpotComponent[1];
        int itemCount = 0;
        if (rng.NextDouble() < o.ContaminantFraction)
        {
            var m = o.Materials[rng.Next(o.Materials.Count)];

            // A fifth of the contaminant rows show the item alone (it fills the spot).
            fraction = o.AreaFractionMax >= 1 && rng.NextDouble() < 0.2 ? 1.0 : rng.Uniform(o.AreaFractionMin, o.AreaFractionMax);
            items[0] = new SpotComponent(m.Material, m.PickColour(rng), fraction);
            itemCount = 1;
            label = m.Label;
            material = m.Name;
        }

        int pixels = _instrument.Pixels;
        Span<double> reflectance = stackalloc double[pixels];
        synthesizer.Spot(ore, items[..itemCount], rng, reflectance);

        // Calibration earlier in the shift; the measurement under slightly changed conditions.
        double lampHours = rng.Uniform(0, 3000);
        double calTemp = NirInstrumentModel.DetectorSetPointC + rng.Gaussian(0, 0.3);
        var calState = new InstrumentState(calTemp, lampHours, 1.0, o.IntegrationUs, o.ReferenceAverages);
        var measState = new InstrumentState(
            calTemp + rng.Gaussian(0, o.TemperatureDriftSdC),
            lampHours,
            1 + rng.Gaussian(0, o.LampDriftSd),
            o.IntegrationUs,
            o.Averages);
        Span<float> dark = stackalloc float[pixels];
        Span<float> white = stackalloc float[pixels];
        Span<float> sample = stackalloc float[pixels];
        _instrument.AcquireDark(calState, rng, dark);
        _instrument.AcquireWhite(calState, rng, white);
        _instrument.Acquire(reflectance, measState, rng, sample);

        var r = new float[pixels];
        for (int i = 0; i < pixels; i++)
        {
            double denominator = white[i] - dark[i];
            r[i] = denominator > 0 ? (float)((sample[i] - dark[i]) / denominator) : float.NaN;
        }

        return new SpectralSample(label, brand.Id, material, fraction, moisture, r);
    }

    /// <summary>Writes the whole dataset as CSV. Rows are computed in parallel blocks and written in order.</summary>
    public async Task WriteCsvAsync(TextWriter writer, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(Header().AsMemory(), cancellationToken);
        var block = new SpectralSample[BlockSize];
        var sb = new StringBuilder(capacity: 4096);
        for (int start = 0; start < _options.Count; start += BlockSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(BlockSize, _options.Count - start);
            int first = start;
            Parallel.For(
                0,
                n,
                new ParallelOptions { CancellationToken = cancellationToken },
                () => new SpotSynthesizer(_endmembers),
                (k, _, synth) =>
                {
                    block[k] = Generate(first + k, synth);
                    return synth;
                },
                _ => { });
            for (int k = 0; k < n; k++)
            {
                sb.Clear();
                AppendRow(sb, block[k]);
                await writer.WriteLineAsync(sb, cancellationToken);
            }

            progress?.Report(start + n);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static void AppendRow(StringBuilder sb, SpectralSample s)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append(s.Label).Append(',').Append(s.Brand).Append(',').Append(s.Material).Append(',');
        sb.Append(inv, $"{s.AreaFraction:F3},{s.MoisturePct:F2}");
        Span<char> buffer = stackalloc char[32];
        foreach (float v in s.Reflectance)
        {
            sb.Append(',');
            if (float.IsNaN(v))
            {
                sb.Append("NaN");
            }
            else if (v.TryFormat(buffer, out int written, "F5", inv))
            {
                sb.Append(buffer[..written]);
            }
        }
    }
}
