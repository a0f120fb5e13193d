namespace SmartCustoms.Drivers.Spectrometer.Calibration;

/// <summary>A dark/white reference pair and the conditions it was taken under. Immutable; do not mutate the arrays.</summary>
/// <param name="Id">Unique id (instrument serial + UTC time), quoted in every reflectance spectrum and event.</param>
/// <param name="InstrumentSerial">Serial number from <c>*IDN?</c>; a calibration belongs to one instrument.</param>
/// <param name="WavelengthsNm">The instrument's axis at calibration time.</param>
/// <param name="Dark">Dark reference counts (<c>CAL:DARK?</c>).</param>
/// <param name="White">White reference counts (<c>CAL:WHITE?</c>).</param>
/// <param name="TakenAt">Wall-clock time of the calibration. Wall clock on purpose: a calibration outlives a gateway restart, a monotonic timestamp does not.</param>
/// <param name="DetectorTemperatureC">Detector temperature while the references were taken.</param>
/// <param name="ValidFor">How long it stays valid (<c>Devices:Nir:CalibrationValidity</c>).</param>
/// <param name="UnusablePixels">Pixels without a usable white–dark span (saturated or white ≤ dark); always NaN in reflectance.</param>
public sealed record SpectrometerCalibration(
    string Id,
    string InstrumentSerial,
    float[] WavelengthsNm,
    float[] Dark,
    float[] White,
    DateTimeOffset TakenAt,
    float DetectorTemperatureC,
    TimeSpan ValidFor,
    int UnusablePixels)
{
    public int Pixels => Dark.Length;

    public DateTimeOffset ExpiresAt => TakenAt + ValidFor;
}
