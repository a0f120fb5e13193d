namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>Spectra on one wavelength axis, kept as values. Immutable by convention (arrays are not copied).</summary>
/// <param name="WavelengthsNm">The axis, one value per pixel.</param>
/// <param name="Spectra">Each spectrum's id (e.g. <c>nir-1234</c>) and reflectance (0–1), one value per pixel.</param>
public sealed record EvidenceSpectra(IReadOnlyList<double> WavelengthsNm, IReadOnlyList<EvidenceSpectrum> Spectra);
