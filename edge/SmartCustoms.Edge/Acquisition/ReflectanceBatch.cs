using SmartCustoms.Drivers.Abstractions.Spectrometer;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>One burst of spectra converted to reflectance, on its way from acquisition to inference.</summary>
internal sealed record ReflectanceBatch(IReadOnlyList<ReflectanceSpectrum> Spectra, string CalibrationId);
