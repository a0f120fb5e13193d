using System.Globalization;

namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// Recorded reflectance spectra (the contract's spectrum CSV: <c>wavelength_nm,reflectance</c> or
/// <c>wavelength_nm,s1,s2,…</c>, fraction or <c>reflectance_pct</c>) resampled onto the instrument's
/// wavelength grid, for the NIR simulator to replay in turn. The file's grid must cover
/// 1,050–1,850 nm; outside its range the edge values are held. Immutable after loading; thread-safe.
/// </summary>
public sealed class ReplaySpectra
{
    public const double MinCoverNm = 1050;
    public const double MaxCoverNm = 1850;

    private readonly double[][] _spectra;

    private ReplaySpectra(string path, double[][] spectra)
    {
        Path = path;
        _spectra = spectra;
    }

    public string Path { get; }

    public int Count => _spectra.Length;

    /// <summary>Reflectance of spectrum <paramref name="index"/> (modulo <see cref="Count"/>) on the instrument grid.</summary>
    public void Fill(long index, Span<double> reflectance)
    {
        _spectra[(int)(index % _spectra.Length)].CopyTo(reflectance);
    }

    /// <summary>Loads and resamples a spectrum CSV. Throws <see cref="InvalidDataException"/> naming the file and line on a bad file.</summary>
    public static ReplaySpectra Load(string path, IReadOnlyList<double> instrumentGridNm)
    {
        ArgumentNullException.ThrowIfNull(instrumentGridNm);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Spectrum file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty (expected a header 'wavelength_nm,reflectance').");
        string[] names = header.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length < 2 || !string.Equals(names[0], "wavelength_nm", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}:1: header must start with 'wavelength_nm' and name at least one spectrum column, got '{(header.Length > 80 ? header[..80] + "…" : header)}'.");
        }

        double scale = names.Length == 2 && string.Equals(names[1], "reflectance_pct", StringComparison.OrdinalIgnoreCase) ? 0.01 : 1.0;
        int columns = names.Length - 1;
        var wavelengths = new List<double>();
        var values = new List<double[]>();
        int lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',', StringSplitOptions.TrimEntries);
            if (cells.Length != names.Length)
            {
                throw new InvalidDataException($"{path}:{lineNo}: ragged row, {cells.Length} values where the header has {names.Length}.");
            }

            var row = new double[columns];
            for (int c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw new InvalidDataException($"{path}:{lineNo}: '{cells[c]}' in column '{names[c]}' is not a number.");
                }

                if (c == 0)
                {
                    if (wavelengths.Count > 0 && v <= wavelengths[^1])
                    {
                        throw new InvalidDataException($"{path}:{lineNo}: wavelengths must increase, {v} follows {wavelengths[^1]}.");
                    }

                    wavelengths.Add(v);
                }
                else
                {
                    row[c - 1] = v * scale;
                }
            }

            values.Add(row);
        }

        if (wavelengths.Count < 2 || wavelengths[0] > MinCoverNm || wavelengths[^1] < MaxCoverNm)
        {
            string range = wavelengths.Count == 0 ? "no rows" : $"{wavelengths[0]}-{wavelengths[^1]} nm";
            throw new InvalidDataException($"{path}: the wavelength grid must cover at least {MinCoverNm}-{MaxCoverNm} nm, the file covers {range}.");
        }

        var spectra = new double[columns][];
        for (int s = 0; s < columns; s++)
        {
            spectra[s] = Resample(wavelengths, values, s, instrumentGridNm);
        }

        return new ReplaySpectra(path, spectra);
    }

    private static double[] Resample(List<double> wl, List<double[]> values, int column, IReadOnlyList<double> grid)
    {
        var result = new double[grid.Count];
        int j = 0;
        for (int i = 0; i < grid.Count; i++)
        {
            double x = grid[i];
            if (x <= wl[0])
            {
                result[i] = values[0][column];
                continue;
            }

            if (x >= wl[^1])
            {
                result[i] = values[^1][column];
                continue;
            }

            while (wl[j + 1] < x)
            {
                j++;
            }

            double f = (x - wl[j]) / (wl[j + 1] - wl[j]);
            result[i] = values[j][column] + (f * (values[j + 1][column] - values[j][column]));
        }

        return result;
    }
}
