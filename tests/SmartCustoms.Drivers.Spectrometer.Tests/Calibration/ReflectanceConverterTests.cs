using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Calibration;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Calibration;

public sealed class ReflectanceConverterTests
{
    private readonly ReflectanceConverter _converter = new(minWhiteDarkSpanCounts: 1f);

    [Fact]
    public void Compute_applies_s_minus_d_over_w_minus_d_per_pixel()
    {
        float[] sample = [600f, 350f, 100f, 50f, 2100f];
        float[] dark = [100f, 50f, 100f, 100f, 100f];
        float[] white = [1100f, 2050f, 10100f, 1100f, 2100f];
        var r = new float[5];

        var (saturated, nonFinite) = _converter.Compute(sample, dark, white, r);

        // (600-100)/(1100-100), (350-50)/(2050-50), (100-100)/..., (50-100)/(1100-100) (noise below dark), (2100-100)/(2100-100)
        Assert.Equal([0.5f, 0.15f, 0f, -0.05f, 1f], r);
        Assert.Equal(0, saturated);
        Assert.Equal(0, nonFinite);
    }

    [Fact]
    public void Saturated_or_spanless_pixels_are_nan_and_counted()
    {
        float[] sample = [600f, 65535f, 500f, 500f, 500f, 500f];
        float[] dark = [100f, 100f, 100f, 100f, 65535f, 100f];
        float[] white = [1100f, 1100f, 65535f, 100.5f, 70000f, 99f];
        var r = new float[6];

        var (saturated, nonFinite) = _converter.Compute(sample, dark, white, r);

        Assert.Equal(0.5f, r[0]);
        Assert.All(r[1..], v => Assert.True(float.IsNaN(v)));
        Assert.Equal(5, saturated);
        Assert.Equal(0, nonFinite);
    }

    [Fact]
    public void Nan_and_infinite_inputs_are_nan_and_counted_separately()
    {
        float[] sample = [float.NaN, 600f, 600f, float.PositiveInfinity];
        float[] dark = [100f, float.NaN, 100f, 100f];
        float[] white = [1100f, 1100f, float.NegativeInfinity, 1100f];
        var r = new float[4];

        var (saturated, nonFinite) = _converter.Compute(sample, dark, white, r);

        Assert.All(r, v => Assert.True(float.IsNaN(v)));
        Assert.Equal(0, saturated);
        Assert.Equal(4, nonFinite);
    }

    [Fact]
    public void Convert_carries_the_spectrum_header_and_calibration_id()
    {
        var calibration = Calibration([100f, 100f], [1100f, 1100f]);
        var hostTime = new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);
        var raw = new RawSpectrum(77, 123456, 26.5f, hostTime, 999, [600f, 65535f]);

        var result = _converter.Convert(raw, calibration);

        Assert.Equal(77UL, result.Sequence);
        Assert.Equal(123456, result.DeviceTimeMicroseconds);
        Assert.Equal(hostTime, result.HostTime);
        Assert.Equal(999, result.HostTimestamp);
        Assert.Equal(26.5f, result.DetectorTemperatureC);
        Assert.Equal("SN1-test", result.CalibrationId);
        Assert.Equal(calibration.WavelengthsNm, result.WavelengthsNm);
        Assert.Equal(0.5f, result.Reflectance[0]);
        Assert.True(float.IsNaN(result.Reflectance[1]));
        Assert.Equal(1, result.SaturatedPixels);
        Assert.Equal(1, result.InvalidPixels);
    }

    [Fact]
    public void Convert_refuses_a_calibration_of_another_pixel_count()
    {
        var raw = new RawSpectrum(1, 0, 25f, DateTimeOffset.UnixEpoch, 0, [1f, 2f, 3f]);

        var ex = Assert.Throws<ArgumentException>(() => _converter.Convert(raw, Calibration([1f, 1f], [2f, 2f])));

        Assert.Contains("has 3 pixels but calibration SN1-test has 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountUnusable_counts_pixels_that_can_never_be_valid()
    {
        Assert.Equal(3, _converter.CountUnusable([100f, 100f, 100f, float.NaN], [1100f, 65535f, 100f, 1000f]));
    }

    private static SpectrometerCalibration Calibration(float[] dark, float[] white) =>
        new("SN1-test", "SN1", dark.Select((_, i) => 1000f + i).ToArray(), dark, white,
            DateTimeOffset.UnixEpoch, 25f, TimeSpan.FromHours(8), 0);
}
