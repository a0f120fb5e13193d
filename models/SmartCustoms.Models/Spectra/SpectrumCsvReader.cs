using System.Globalization;

namespace SmartCustoms.Models.Spectra;

/// <summary>
/// Reads the contract's spectrum files: header <c>wavelength_nm,reflectance</c> (fraction 0-1) or
/// <c>wavelength_nm,reflectance_pct</c> (percent), or several columns <c>wavelength_nm,s1,s2,...</c>
/// (a column whose name ends in <c>_pct</c> is percent). <c>NaN</c> marks an invalid (saturated) pixel.
/// Every problem is a <see cref="SpectrumFileException"/> naming the file and the line.
/// </summary>
/// <remarks>Stateless: safe to use from several threads.</remarks>
public static class SpectrumCsvReader
{
    private const string WavelengthColumn = "wavelength_nm";
    private const string PercentSuffix = "_pct";

    // A fraction column above this is almost certainly percent under the wrong header.
    private const double MaxPlausibleFraction = 2.0;

    /// <summary>Reads <paramref name="filePath"/>; when <paramref name="requiredCoverage"/> is given, a narrower grid is an error.</summary>
    public static SpectrumFile ReadFile(string filePath, ModelGrid? requiredCoverage = null)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        if (!File.Exists(filePath))
        {
            throw new SpectrumFileException(filePath, 0, "file not found.");
        }

        try
        {
            using var reader = new StreamReader(filePath);
            return Read(reader, filePath, requiredCoverage);
        }
        catch (IOException ex)
        {
            throw new SpectrumFileException(filePath, 0, $"cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SpectrumFileException(filePath, 0, $"cannot be read: {ex.Message}");
        }
    }

    /// <summary>Reads spectra from <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static SpectrumFile Read(TextReader reader, string sourceName, ModelGrid? requiredCoverage = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);

        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            throw new SpectrumFileException(sourceName, 1, $"empty file; expected a header such as '{WavelengthColumn},reflectance'.");
        }

        var columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        if (columns.Length < 2 || !string.Equals(columns[0], WavelengthColumn, StringComparison.OrdinalIgnoreCase))
        {
            throw new SpectrumFileException(sourceName, 1,
                $"header must be '{WavelengthColumn},reflectance' (or '{WavelengthColumn},reflectance_pct', or '{WavelengthColumn},s1,s2,...'), got '{header.Trim()}'.");
        }

        for (var c = 1; c < columns.Length; c++)
        {
            if (columns[c].Length == 0)
            {
                throw new SpectrumFileException(sourceName, 1, $"column {c + 1} of the header has no name.");
            }
        }

        var spectraCount = columns.Length - 1;
        var percent = columns.Skip(1).Select(c => c.EndsWith(PercentSuffix, StringComparison.OrdinalIgnoreCase)).ToArray();
        var wavelengths = new List<double>(256);
        var values = new List<float>[spectraCount];
        for (var s = 0; s < spectraCount; s++)
        {
            values[s] = new List<float>(256);
        }

        var lineNumber = 1;
        var firstDataLine = 0;
        var lastDataLine = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != columns.Length)
            {
                throw new SpectrumFileException(sourceName, lineNumber,
                    $"ragged row: {cells.Length} values, the header has {columns.Length} columns.");
            }

            var nm = ParseNumber(cells[0], sourceName, lineNumber, WavelengthColumn, allowNaN: false);
            if (wavelengths.Count > 0 && nm <= wavelengths[^1])
            {
                throw new SpectrumFileException(sourceName, lineNumber,
                    Invariant($"wavelengths must be strictly ascending: {nm} nm follows {wavelengths[^1]} nm."));
            }

            wavelengths.Add(nm);
            for (var s = 0; s < spectraCount; s++)
            {
                var value = ParseNumber(cells[s + 1], sourceName, lineNumber, columns[s + 1], allowNaN: true);
                if (percent[s])
                {
                    value /= 100.0;
                    if (Math.Abs(value) > MaxPlausibleFraction)
                    {
                        throw new SpectrumFileException(sourceName, lineNumber,
                            Invariant($"column '{columns[s + 1]}' holds {value * 100.0} %, beyond any reflectance (±{MaxPlausibleFraction * 100.0} %)."));
                    }
                }
                else if (Math.Abs(value) > MaxPlausibleFraction)
                {
                    throw new SpectrumFileException(sourceName, lineNumber,
                        Invariant($"column '{columns[s + 1]}' holds {value}, not a reflectance fraction (0-1); name the column '{columns[s + 1]}{PercentSuffix}' if it is percent."));
                }

                values[s].Add((float)value);
            }

            if (firstDataLine == 0)
            {
                firstDataLine = lineNumber;
            }

            lastDataLine = lineNumber;
        }

        if (wavelengths.Count < 2)
        {
            throw new SpectrumFileException(sourceName, lineNumber,
                $"{wavelengths.Count} data rows; a spectrum needs at least 2.");
        }

        if (requiredCoverage is not null)
        {
            if (wavelengths[0] > requiredCoverage.StartNm + 1e-6)
            {
                throw new SpectrumFileException(sourceName, firstDataLine,
                    Invariant($"the grid starts at {wavelengths[0]} nm; the model needs {requiredCoverage.StartNm}-{requiredCoverage.EndNm} nm covered."));
            }

            if (wavelengths[^1] < requiredCoverage.EndNm - 1e-6)
            {
                throw new SpectrumFileException(sourceName, lastDataLine,
                    Invariant($"the grid ends at {wavelengths[^1]} nm; the model needs {requiredCoverage.StartNm}-{requiredCoverage.EndNm} nm covered."));
            }
        }

        var grid = wavelengths.ToArray();
        var spectra = new ReflectanceSpectrum[spectraCount];
        for (var s = 0; s < spectraCount; s++)
        {
            spectra[s] = new ReflectanceSpectrum(columns[s + 1], grid, values[s].ToArray());
        }

        return new SpectrumFile(sourceName, grid, spectra);
    }

    private static double ParseNumber(string cell, string sourceName, int lineNumber, string column, bool allowNaN)
    {
        var text = cell.Trim();
        if (allowNaN && string.Equals(text, "nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new SpectrumFileException(sourceName, lineNumber, $"'{text}' in column '{column}' is not a number.");
        }

        return value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
