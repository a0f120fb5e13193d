using System.Globalization;

namespace SmartCustoms.Drivers.Spectrometer.Calibration;

/// <summary>
/// Judges whether a calibration still holds: stale after its validity period or when the detector
/// temperature drifted more than <see cref="MaxTemperatureDriftC"/> from the calibration temperature.
/// Thread-safe (immutable).
/// </summary>
public sealed class CalibrationPolicy
{
    private readonly TimeProvider _time;

    public CalibrationPolicy(double maxTemperatureDriftC, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxTemperatureDriftC, 0);
        ArgumentNullException.ThrowIfNull(time);
        MaxTemperatureDriftC = maxTemperatureDriftC;
        _time = time;
    }

    public double MaxTemperatureDriftC { get; }

    /// <param name="calibration">The calibration in use, or null.</param>
    /// <param name="detectorTemperatureC">The detector temperature now (e.g. from the latest spectrum).</param>
    /// <param name="instrumentSerial">The connected instrument's serial, when known: a calibration of another instrument is stale.</param>
    public CalibrationStatus Assess(SpectrometerCalibration? calibration, float detectorTemperatureC, string? instrumentSerial = null)
    {
        if (calibration is null)
        {
            return CalibrationStatus.Missing;
        }

        if (instrumentSerial is not null && !string.Equals(instrumentSerial, calibration.InstrumentSerial, StringComparison.Ordinal))
        {
            return CalibrationStatus.Stale(
                $"calibration {calibration.Id} belongs to instrument {calibration.InstrumentSerial}, not {instrumentSerial}");
        }

        var now = _time.GetUtcNow();
        if (now >= calibration.ExpiresAt)
        {
            return CalibrationStatus.Stale(string.Create(CultureInfo.InvariantCulture,
                $"calibration {calibration.Id} expired at {calibration.ExpiresAt:u} (valid for {calibration.ValidFor.TotalHours:0.##} h)"));
        }

        if (now < calibration.TakenAt - TimeSpan.FromMinutes(5))
        {
            // The wall clock went backwards (or the calibration came from another box): age is unknown.
            return CalibrationStatus.Stale(string.Create(CultureInfo.InvariantCulture,
                $"calibration {calibration.Id} is dated {calibration.TakenAt:u}, later than the clock ({now:u})"));
        }

        if (!float.IsFinite(detectorTemperatureC))
        {
            return CalibrationStatus.Stale("detector temperature unknown (not a number)");
        }

        var drift = Math.Abs((double)detectorTemperatureC - calibration.DetectorTemperatureC);
        if (drift > MaxTemperatureDriftC)
        {
            return CalibrationStatus.Stale(string.Create(CultureInfo.InvariantCulture,
                $"detector temperature {detectorTemperatureC:0.0} °C drifted {drift:0.0} °C from {calibration.DetectorTemperatureC:0.0} °C at calibration {calibration.Id} (max {MaxTemperatureDriftC:0.##} °C)"));
        }

        return CalibrationStatus.Valid;
    }
}
