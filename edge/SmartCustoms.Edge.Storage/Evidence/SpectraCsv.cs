using System.Globalization;
using System.Text;

namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>
/// Writes spectra in the contract's spectrum file format (<c>wavelength_nm,id1,id2,…</c>, one row per pixel,
/// reflectance as a fraction), so an evidence file can be fed straight back to <c>classify --spectrum</c>.
/// Non-finite values (a saturated or dead pixel) are left empty rather than written as <c>NaN</c>. Pure.
/// </summary>
internal static class SpectraCsv
{
    public static byte[] Write(EvidenceSpectra spectra, out int nonFiniteValues)
    {
        var builder = new StringBuilder();
        builder.Append("wavelength_nm");
        foreach (var spectrum in spectra.Spectra)
        {
            builder.Append(',').Append(spectrum.Id);
        }

        builder.Append('\n');
        nonFiniteValues = 0;
        for (var pixel = 0; pixel < spectra.WavelengthsNm.Count; pixel++)
        {
            builder.Append(spectra.WavelengthsNm[pixel].ToString("R", CultureInfo.InvariantCulture));
            foreach (var spectrum in spectra.Spectra)
            {
                builder.Append(',');
                var value = spectrum.Reflectance.Span[pixel];
                if (float.IsFinite(value))
                {
                    builder.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    nonFiniteValues++;
                }
            }

            builder.Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public static void Validate(EvidenceSpectra spectra)
    {
        ArgumentNullException.ThrowIfNull(spectra);
        if (spectra.WavelengthsNm.Count == 0 || spectra.Spectra.Count == 0)
        {
            throw new ArgumentException("Evidence spectra need a wavelength axis and at least one spectrum.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spectrum in spectra.Spectra)
        {
            if (!EvidenceNames.IsColumnName(spectrum.Id) || !ids.Add(spectrum.Id))
            {
                throw new ArgumentException(
                    $"Evidence spectrum id '{spectrum.Id}' must be unique and use only letters, digits, '-', '_' and '.'.");
            }

            if (spectrum.Reflectance.Length != spectra.WavelengthsNm.Count)
            {
                throw new ArgumentException(
                    $"Evidence spectrum '{spectrum.Id}' has {spectrum.Reflectance.Length} values for " +
                    $"{spectra.WavelengthsNm.Count} wavelengths.");
            }
        }
    }
}
