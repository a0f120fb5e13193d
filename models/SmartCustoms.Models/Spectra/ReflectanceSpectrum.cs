namespace SmartCustoms.Models.Spectra;

/// <summary>One reflectance spectrum (fraction, 0-1) on its own instrument's wavelength grid.</summary>
/// <param name="Name">What the spectrum is called in its source (CSV column, sequence number...).</param>
/// <param name="WavelengthsNm">Strictly ascending wavelengths, nm.</param>
/// <param name="Reflectance">Reflectance per wavelength; NaN marks an invalid (e.g. saturated) pixel.</param>
public sealed record ReflectanceSpectrum(string Name, ReadOnlyMemory<double> WavelengthsNm, ReadOnlyMemory<float> Reflectance);
