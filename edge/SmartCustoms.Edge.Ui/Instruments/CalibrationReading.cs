namespace SmartCustoms.Edge.Ui.Instruments;

/// <summary>A calibration in use, for the devices page. Immutable.</summary>
/// <param name="Device">The calibrated device (<c>nir</c>).</param>
/// <param name="Id">Calibration id (as in the <c>calibration</c> event and every spectrum's evidence).</param>
/// <param name="Kind">What was taken (<c>dark/white</c>).</param>
/// <param name="TakenAt">When it was taken.</param>
/// <param name="ValidUntil">When it expires.</param>
/// <param name="DetectorTemperatureC">Detector temperature when it was taken.</param>
/// <param name="CurrentTemperatureC">Detector temperature now (drift shows against the one above), if known.</param>
/// <param name="UnusablePixels">Pixels the calibration marked unusable.</param>
public sealed record CalibrationReading(
    string Device,
    string Id,
    string Kind,
    DateTimeOffset TakenAt,
    DateTimeOffset ValidUntil,
    double DetectorTemperatureC,
    double? CurrentTemperatureC,
    int UnusablePixels);
