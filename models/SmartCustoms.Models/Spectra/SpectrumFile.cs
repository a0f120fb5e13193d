namespace SmartCustoms.Models.Spectra;

/// <summary>The spectra read from one CSV file, all on the file's wavelength grid.</summary>
/// <param name="FilePath">Where they came from.</param>
/// <param name="WavelengthsNm">The file's grid, strictly ascending.</param>
/// <param name="Spectra">One per reflectance column, as fractions (percent columns already divided by 100).</param>
public sealed record SpectrumFile(string FilePath, ReadOnlyMemory<double> WavelengthsNm, IReadOnlyList<ReflectanceSpectrum> Spectra);
