namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// The optics and detector of the simulated NIR spectrometer: 256 pixels over 1,000–2,000 nm
/// (extended InGaAs), a halogen lamp (Planck curve at ~2,900 K, dimming and reddening with age),
/// detector quantum efficiency, per-pixel bias, dark current that doubles every ~6.5 °C, shot and
/// read noise, 16-bit saturation. counts = bias + dark·t + response·lamp·t·R (+ noise), averaged
/// over CONF:AVG frames. Immutable and thread-safe (callers pass their own <see cref="Random"/>).
/// </summary>
public sealed class NirInstrumentModel
{
    public const int DefaultPixels = 256;
    public const double FirstWavelengthNm = 1000.0;
    public const double LastWavelengthNm = 2000.0;
    public const float FullScaleCounts = 65535f;
    public const double DetectorSetPointC = -10.0;
    public const int DefaultIntegrationUs = 1000;

    /// <summary>Reflectance of the white reference tile (Spectralon-like).</summary>
    public const double WhiteTileReflectance = 0.99;

    private const double ElectronsPerCount = 3.0;
    private const double ReadNoiseCounts = 6.0;
    private const double DarkDoublingC = 6.5;
    private const double WhitePeakCountsAtDefault = 42_000;

    private readonly double[] _wavelengths;
    private readonly double[] _responsePerUs;
    private readonly double[] _darkPerUs;
    private readonly double[] _bias;

    public NirInstrumentModel(int serialSeed = 1, int pixels = DefaultPixels)
    {
        _wavelengths = SpectralMath.LinearGrid(FirstWavelengthNm, LastWavelengthNm, pixels);
        WavelengthsNm = _wavelengths;
        _responsePerUs = new double[pixels];
        _darkPerUs = new double[pixels];
        _bias = new double[pixels];

        // Fixed pattern of this unit (photo-response and dark non-uniformity): a function of its serial.
        var rng = SimRandom.Create(serialSeed, 600, 0);
        double peak = 0;
        for (int i = 0; i < pixels; i++)
        {
            double l = _wavelengths[i];
            double shape = Planck(l, 2900) * QuantumEfficiency(l) * OpticsTransmission(l);
            _responsePerUs[i] = shape * (1 + rng.Gaussian(0, 0.01));
            peak = Math.Max(peak, _responsePerUs[i]);
            _darkPerUs[i] = (1.2 + (0.8 * (l - 1000) / 1000)) * rng.Uniform(0.85, 1.15);
            _bias[i] = 1000 + rng.Gaussian(0, 30);
        }

        double k = WhitePeakCountsAtDefault / (peak * DefaultIntegrationUs * WhiteTileReflectance);
        for (int i = 0; i < pixels; i++)
        {
            _responsePerUs[i] *= k;
        }
    }

    public IReadOnlyList<double> WavelengthsNm { get; }

    public int Pixels => _wavelengths.Length;

    /// <summary>
    /// One spectrum of counts for a scene of reflectance <paramref name="reflectance"/> (NaN pixels stay NaN).
    /// Averaging is modelled on the mean: noise falls with √n; a mean beyond full scale clips at 65535.
    /// </summary>
    public void Acquire(ReadOnlySpan<double> reflectance, in InstrumentState state, Random random, Span<float> counts)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (reflectance.Length != Pixels || counts.Length != Pixels)
        {
            throw new ArgumentException($"Expected {Pixels} pixels.", nameof(reflectance));
        }

        double t = Math.Max(1, state.IntegrationUs);
        double n = Math.Max(1, state.Averages);
        double darkScale = Math.Pow(2, (state.DetectorTemperatureC - DetectorSetPointC) / DarkDoublingC) * t;
        double lamp = LampOutput(state.LampHours) * state.LampFlicker * t;
        double tilt = 2e-5 * state.LampHours;
        double invN = 1.0 / n;
        for (int i = 0; i < counts.Length; i++)
        {
            double r = reflectance[i];
            double dark = _darkPerUs[i] * darkScale;
            double signal = _responsePerUs[i] * lamp * (1 + (tilt * (_wavelengths[i] - 1500) / 1000)) * Math.Max(0, r);
            double variance = (((signal + dark) / ElectronsPerCount) + (ReadNoiseCounts * ReadNoiseCounts)) * invN;
            double value = _bias[i] + dark + signal + (Math.Sqrt(variance) * random.Gaussian());
            counts[i] = double.IsNaN(r) ? float.NaN : (float)Math.Clamp(value, 0, FullScaleCounts);
        }
    }

    /// <summary>Dark reference: the shutter closed.</summary>
    public void AcquireDark(in InstrumentState state, Random random, Span<float> counts)
    {
        Span<double> zero = stackalloc double[Pixels];
        zero.Clear();
        Acquire(zero, state, random, counts);
    }

    /// <summary>White reference: looking at the reference tile.</summary>
    public void AcquireWhite(in InstrumentState state, Random random, Span<float> counts)
    {
        Span<double> tile = stackalloc double[Pixels];
        tile.Fill(WhiteTileReflectance);
        Acquire(tile, state, random, counts);
    }

    /// <summary>Relative lamp output after <paramref name="hours"/> (halogen lamps lose a few % per 1,000 h).</summary>
    public static double LampOutput(double hours) => Math.Max(0.3, 1 - (3e-5 * Math.Max(0, hours)));

    private static double Planck(double nm, double kelvin)
    {
        double x = 1.4388e7 / (nm * kelvin);
        return 1.0 / (Math.Pow(nm / 1000.0, 5) * (Math.Exp(x) - 1));
    }

    // Extended InGaAs: ~0.6 at 1,000 nm, ~0.75 over the middle, a cut-off beyond ~2,100 nm.
    private static double QuantumEfficiency(double nm) =>
        (0.6 + (0.15 / (1 + Math.Exp(-(nm - 1150) / 60)))) / (1 + Math.Exp((nm - 2120) / 35));

    // Fibre and lens: a small O–H dip near 1,390 nm (cancels in reflectance, visible in raw counts).
    private static double OpticsTransmission(double nm)
    {
        double z = (nm - 1390) / 15;
        return 0.95 - (0.05 * Math.Exp(-0.5 * z * z));
    }
}
