using SmartCustoms.Drivers.Abstractions.Spectrometer;

namespace SmartCustoms.Drivers.Spectrometer.Calibration;

/// <summary>
/// Raw counts → reflectance: R = (S − D) / (W − D) per pixel. A pixel is invalid (NaN, counted) when
/// S, D or W is at full scale, when W − D is not above <see cref="MinWhiteDarkSpanCounts"/>, or when any
/// input is NaN/infinite. Thread-safe (immutable).
/// </summary>
public sealed class ReflectanceConverter
{
    /// <summary>16-bit detector full scale; a pixel at or above it is saturated.</summary>
    public const float SaturationCounts = 65535f;

    public ReflectanceConverter(float minWhiteDarkSpanCounts = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minWhiteDarkSpanCounts);
        MinWhiteDarkSpanCounts = minWhiteDarkSpanCounts;
    }

    /// <summary>Smallest white − dark span (counts) that still gives a meaningful ratio.</summary>
    public float MinWhiteDarkSpanCounts { get; }

    public ReflectanceSpectrum Convert(RawSpectrum raw, SpectrometerCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(calibration);
        if (raw.Counts.Length != calibration.Pixels)
        {
            throw new ArgumentException(
                $"spectrum {raw.Sequence} has {raw.Counts.Length} pixels but calibration {calibration.Id} has {calibration.Pixels}: recalibrate after changing the instrument",
                nameof(raw));
        }

        var reflectance = new float[raw.Counts.Length];
        var (saturated, nonFinite) = Compute(raw.Counts, calibration.Dark, calibration.White, reflectance);
        return new ReflectanceSpectrum(raw.Sequence, raw.DeviceTimeMicroseconds, raw.HostTime, raw.HostTimestamp,
            raw.DetectorTemperatureC, calibration.WavelengthsNm, reflectance, saturated, nonFinite, calibration.Id);
    }

    /// <summary>The per-pixel core on spans (no allocation); returns the invalid-pixel counts.</summary>
    public (int Saturated, int NonFinite) Compute(
        ReadOnlySpan<float> sample, ReadOnlySpan<float> dark, ReadOnlySpan<float> white, Span<float> reflectance)
    {
        if (dark.Length != sample.Length || white.Length != sample.Length || reflectance.Length != sample.Length)
        {
            throw new ArgumentException("sample, dark, white and reflectance must have one value per pixel");
        }

        var saturated = 0;
        var nonFinite = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            float s = sample[i], d = dark[i], w = white[i];
            if (!float.IsFinite(s) || !float.IsFinite(d) || !float.IsFinite(w))
            {
                reflectance[i] = float.NaN;
                nonFinite++;
            }
            else if (s >= SaturationCounts || d >= SaturationCounts || w >= SaturationCounts || w - d <= MinWhiteDarkSpanCounts)
            {
                reflectance[i] = float.NaN;
                saturated++;
            }
            else
            {
                reflectance[i] = (s - d) / (w - d);
            }
        }

        return (saturated, nonFinite);
    }

    /// <summary>Pixels of a reference pair that can never give a valid reflectance.</summary>
    public int CountUnusable(ReadOnlySpan<float> dark, ReadOnlySpan<float> white)
    {
        if (dark.Length != white.Length)
        {
            throw new ArgumentException("dark and white must have one value per pixel");
        }

        var unusable = 0;
        for (var i = 0; i < dark.Length; i++)
        {
            float d = dark[i], w = white[i];
            if (!float.IsFinite(d) || !float.IsFinite(w) || d >= SaturationCounts || w >= SaturationCounts ||
                w - d <= MinWhiteDarkSpanCounts)
            {
                unusable++;
            }
        }

        return unusable;
    }
}
