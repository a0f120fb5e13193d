namespace SmartCustoms.Drivers.Abstractions.Spectrometer;

/// <summary>One spectrum converted to reflectance with a dark/white calibration.</summary>
/// <param name="Sequence">The instrument's sequence number of the raw spectrum.</param>
/// <param name="DeviceTimeMicroseconds">The instrument's clock, µs.</param>
/// <param name="HostTime">Wall-clock arrival time on the gateway (display, records).</param>
/// <param name="HostTimestamp">Monotonic arrival timestamp (<see cref="TimeProvider.GetTimestamp"/>), for ordering.</param>
/// <param name="DetectorTemperatureC">Detector temperature of the raw spectrum.</param>
/// <param name="WavelengthsNm">Wavelength of each pixel, nm, ascending.</param>
/// <param name="Reflectance">R = (S − D) / (W − D) per pixel, as a fraction; NaN where the pixel is invalid.</param>
/// <param name="SaturatedPixels">Pixels at full scale in the sample, dark or white, or with no usable white–dark span.</param>
/// <param name="NonFinitePixels">Pixels where the sample or a reference held NaN or infinity.</param>
/// <param name="CalibrationId">The calibration used, for the evidence trail.</param>
public sealed record ReflectanceSpectrum(
    ulong Sequence,
    long DeviceTimeMicroseconds,
    DateTimeOffset HostTime,
    long HostTimestamp,
    float DetectorTemperatureC,
    float[] WavelengthsNm,
    float[] Reflectance,
    int SaturatedPixels,
    int NonFinitePixels,
    string CalibrationId)
{
    /// <summary>Pixels with NaN reflectance.</summary>
    public int InvalidPixels => SaturatedPixels + NonFinitePixels;
}
