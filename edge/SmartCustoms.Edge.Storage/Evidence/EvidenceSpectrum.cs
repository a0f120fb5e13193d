namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>One spectrum of an <see cref="EvidenceSpectra"/>.</summary>
/// <param name="Id">Stable id of the spectrum (a CSV column name: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</param>
/// <param name="Reflectance">Reflectance as a fraction, one value per wavelength.</param>
public sealed record EvidenceSpectrum(string Id, ReadOnlyMemory<float> Reflectance);
