using SmartCustoms.Simulators.Dataset;
using SmartCustoms.Simulators.Spectra;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests;

public class SpectralDatasetTests
{
    private static readonly string[] Labels = ["ore", "plastic", "rubber", "cellulose", "other_organic", "metal"];

    private static async Task<string[]> CsvLinesAsync(SpectralDatasetOptions options)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        await new SpectralDatasetGenerator(options).WriteCsvAsync(writer, null, CancellationToken.None);
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Header_names_one_column_per_instrument_pixel()
    {
        var lines = await CsvLinesAsync(new SpectralDatasetOptions { Count = 3 });
        string[] header = lines[0].Split(',');
        Assert.Equal(["label", "brand", "material", "fraction", "moisture", "r_1000.0", "r_1003.9"], header[..7]);
        Assert.Equal("r_2000.0", header[^1]);
        Assert.Equal(5 + 256, header.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(header.Length, l.Split(',').Length));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_file_and_another_seed_another()
    {
        var a = await CsvLinesAsync(new SpectralDatasetOptions { Seed = 5, Count = 50 });
        var b = await CsvLinesAsync(new SpectralDatasetOptions { Seed = 5, Count = 50 });
        var c = await CsvLinesAsync(new SpectralDatasetOptions { Seed = 6, Count = 50 });
        Assert.Equal(a, b);
        Assert.NotEqual(a[1..], c[1..]);
    }

    [Fact]
    public async Task Rows_carry_valid_labels_fractions_and_selected_brands()
    {
        var options = new SpectralDatasetOptions
        {
            Count = 400,
            Brands = [OreBrands.NewmanFines],
            MoistureMinPct = 9,
            MoistureMaxPct = 11,
            ContaminantFraction = 0.5,
        };
        var rows = (await CsvLinesAsync(options)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Contains(r[0], Labels));
        Assert.All(rows, r => Assert.Equal("newman", r[1]));
        Assert.All(rows, r => Assert.InRange(double.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture), 9, 11));
        Assert.All(rows.Where(r => r[0] == "ore"), r => Assert.Equal("hematite_goethite", r[2]));
        Assert.All(rows.Where(r => r[0] == "ore"), r => Assert.Equal("0.000", r[3]));
        Assert.All(rows.Where(r => r[0] != "ore"), r => Assert.InRange(double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture), 0.3, 1.0));
        Assert.Contains(rows, r => r[2].StartsWith("black_", StringComparison.Ordinal));
        Assert.InRange(rows.Count(r => r[0] == "ore"), 140, 260);
    }

    [Fact]
    public void Reflectance_is_computed_from_counts_like_the_gateway()
    {
        var generator = new SpectralDatasetGenerator(new SpectralDatasetOptions { ContaminantFraction = 1, Materials = [DatasetMaterial.All.Single(m => m.Name == "paper")], AreaFractionMin = 1 });
        var synth = new SpotSynthesizer(new FreshEndmembers(generator.WavelengthsNm));
        var sample = generator.Generate(0, synth);
        Assert.Equal("cellulose", sample.Label);

        // White paper: high reflectance, with the cellulose/water band near 1,930 nm, and noise (not a smooth model curve).
        Assert.InRange(sample.Reflectance[77], 0.4, 1.1);
        Assert.True(sample.Reflectance[237] < sample.Reflectance[180]);
        Assert.NotEqual(sample.Reflectance[100] - sample.Reflectance[99], sample.Reflectance[101] - sample.Reflectance[100]);
    }

    [Fact]
    public void Options_with_a_bad_range_are_refused_with_the_option_name()
    {
        var problem = new SpectralDatasetOptions { MoistureMinPct = 12, MoistureMaxPct = 3 }.Validate();
        Assert.NotNull(problem);
        Assert.Contains("--moisture-min", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spectrum_file_layout_has_one_row_per_pixel_and_labels_beside_it()
    {
        var generator = new SpectralDatasetGenerator(new SpectralDatasetOptions { Count = 3 });
        using var spectra = new StringWriter { NewLine = "\n" };
        using var labels = new StringWriter { NewLine = "\n" };
        await SpectrumFileWriter.WriteAsync(generator, 3, spectra, labels, CancellationToken.None);

        var rows = spectra.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("wavelength_nm,s1,s2,s3", rows[0]);
        Assert.Equal(1 + 256, rows.Length);
        Assert.StartsWith("1000.000,", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("2000.000,", rows[^1], StringComparison.Ordinal);
        var labelRows = labels.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, labelRows.Length);
        Assert.StartsWith("s1,", labelRows[1], StringComparison.Ordinal);
    }
}
