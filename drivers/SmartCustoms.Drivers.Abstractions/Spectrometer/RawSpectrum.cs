namespace SmartCustoms.Drivers.Abstractions.Spectrometer;

/// <summary>One spectrum of raw detector counts, as the instrument delivered it.</summary>
/// <param name="Sequence">The instrument's sequence number (gaps mean the instrument dropped spectra).</param>
/// <param name="DeviceTimeMicroseconds">The instrument's own clock, µs; monotonic on the instrument.</param>
/// <param name="DetectorTemperatureC">Detector temperature when the spectrum was taken.</param>
/// <param name="HostTime">Wall-clock time on the gateway when the spectrum arrived (for display and records).</param>
/// <param name="HostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> when it arrived (for ordering and latency).</param>
/// <param name="Counts">Raw counts, one per pixel; 65535 is saturation.</param>
public sealed record RawSpectrum(
    ulong Sequence,
    long DeviceTimeMicroseconds,
    float DetectorTemperatureC,
    DateTimeOffset HostTime,
    long HostTimestamp,
    float[] Counts);
