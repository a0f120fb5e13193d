using SmartCustoms.Drivers.Spectrometer.Calibration;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// The calibration in use and the latest detector temperature, shared between acquisition (writer) and
/// the API/UI (readers). Thread-safe.
/// </summary>
internal sealed class NirCalibrationState
{
    private volatile SpectrometerCalibration? _current;
    private float _lastTemperature = float.NaN;

    public SpectrometerCalibration? Current => _current;

    public float? LastDetectorTemperatureC
    {
        get
        {
            var value = Volatile.Read(ref _lastTemperature);
            return float.IsNaN(value) ? null : value;
        }
    }

    public void Set(SpectrometerCalibration calibration) => _current = calibration;

    public void ObserveTemperature(float detectorTemperatureC) => Volatile.Write(ref _lastTemperature, detectorTemperatureC);
}
