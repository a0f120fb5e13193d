namespace SmartCustoms.Simulators.Nir;

/// <summary>A spectrum as the simulated instrument took it. <paramref name="Counts"/> must not be modified.</summary>
public sealed record AcquiredSpectrum(ulong Sequence, long DeviceTimeMicroseconds, float DetectorTemperatureC, float[] Counts);
