using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Spectrometer.Calibration;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Calibration;

public sealed class CalibrationPolicyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
    private readonly CalibrationPolicy _policy;

    public CalibrationPolicyTests() => _policy = new CalibrationPolicy(maxTemperatureDriftC: 2.0, _time);

    [Fact]
    public void No_calibration_is_missing()
    {
        Assert.Equal(CalibrationState.Missing, _policy.Assess(null, 25f).State);
    }

    [Fact]
    public void Fresh_calibration_at_the_same_temperature_is_valid()
    {
        var status = _policy.Assess(TakenNow(25f), 25.5f);

        Assert.True(status.IsValid);
        Assert.Equal(string.Empty, status.Reason);
    }

    [Fact]
    public void Calibration_turns_stale_when_its_validity_period_ends()
    {
        var calibration = TakenNow(25f);

        _time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.True(_policy.Assess(calibration, 25f).IsValid);

        _time.Advance(TimeSpan.FromSeconds(1));
        var status = _policy.Assess(calibration, 25f);
        Assert.Equal(CalibrationState.Stale, status.State);
        Assert.Contains("expired at 2026-11-27 14:00:00Z (valid for 8 h)", status.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(26.9f, true)]
    [InlineData(23.1f, true)]
    [InlineData(27.1f, false)]
    [InlineData(22.9f, false)]
    public void Calibration_turns_stale_when_the_detector_drifts_more_than_the_limit(float now, bool valid)
    {
        var status = _policy.Assess(TakenNow(25f), now);

        Assert.Equal(valid, status.IsValid);
        if (!valid)
        {
            Assert.Contains("drifted", status.Reason, StringComparison.Ordinal);
            Assert.Contains("from 25.0 °C at calibration SN1-x (max 2 °C)", status.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Calibration_dated_in_the_future_is_stale()
    {
        var calibration = TakenNow(25f) with { TakenAt = _time.GetUtcNow().AddHours(1) };

        Assert.Equal(CalibrationState.Stale, _policy.Assess(calibration, 25f).State);
    }

    [Fact]
    public void Calibration_of_another_instrument_is_stale()
    {
        Assert.True(_policy.Assess(TakenNow(25f), 25f, "SN1").IsValid);

        var status = _policy.Assess(TakenNow(25f), 25f, "SN2");

        Assert.Equal(CalibrationState.Stale, status.State);
        Assert.Equal("calibration SN1-x belongs to instrument SN1, not SN2", status.Reason);
    }

    [Fact]
    public void Unknown_detector_temperature_is_stale()
    {
        Assert.Equal(CalibrationState.Stale, _policy.Assess(TakenNow(25f), float.NaN).State);
    }

    private SpectrometerCalibration TakenNow(float temperatureC) =>
        new("SN1-x", "SN1", [1000f], [100f], [1000f], _time.GetUtcNow(), temperatureC, TimeSpan.FromHours(8), 0);
}
