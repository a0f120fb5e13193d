using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartCustoms.Simulators.Dataset;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim dataset spectra …</c>: labelled simulated spectra as CSV for model training.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var dataset = new Command("dataset", "Export simulated data sets for model training.");
        dataset.Subcommands.Add(CreateSpectra());
        return dataset;
    }

    private static Command CreateSpectra()
    {
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and options give the same file.", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "Number of spectra (rows).", DefaultValueFactory = _ => 20_000 };
        var output = new Option<string>("--out") { Description = "CSV file to write (directories are created).", Required = true };
        var brands = new Option<string>("--brands")
        {
            Description = "Comma-separated ore brands. Known: " + string.Join(", ", OreBrands.All.Select(b => $"{b.Id} ({b.FamilyName})")) + ".",
            DefaultValueFactory = _ => "carajas,pilbara_blend,yandi,magnetite_concentrate",
        };
        var moistureMin = new Option<double?>("--moisture-min") { Description = "Lowest ore moisture, % (with --moisture-max). Default: each brand's own range." };
        var moistureMax = new Option<double?>("--moisture-max") { Description = "Highest ore moisture, % (with --moisture-min)." };
        var contaminantFraction = new Option<double>("--contaminant-fraction") { Description = "Share of rows holding a contaminant, 0-1; the others are ore only.", DefaultValueFactory = _ => 0.5 };
        var materials = new Option<string>("--materials")
        {
            Description = "Comma-separated contaminants to draw from. Known: " + string.Join(", ", DatasetMaterial.All.Select(m => $"{m.Name} ({m.Label})")) + ". Default: all.",
        };
        var areaMin = new Option<double>("--area-min") { Description = "Smallest share of the spot a contaminant covers.", DefaultValueFactory = _ => 0.3 };
        var areaMax = new Option<double>("--area-max") { Description = "Largest share of the spot a contaminant covers.", DefaultValueFactory = _ => 1.0 };
        var integration = new Option<int>("--integration-us") { Description = "Integration time per frame, microseconds (CONF:INT).", DefaultValueFactory = _ => NirInstrumentModelDefaults.IntegrationUs };
        var averages = new Option<int>("--averages") { Description = "Frames averaged per spectrum (CONF:AVG).", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format")
        {
            Description = "table: one row per spectrum (for training). spectrum-file: the contract's spectrum file (wavelength_nm,s1,s2,... one row per pixel, " +
                          "for 'classify --spectrum'), labels written beside it as FILE.labels.csv.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "spectrum-file");

        var command = new Command(
            "spectra",
            "Write labelled reflectance spectra as CSV: label,brand,material,fraction,moisture,r_1000.0,...,r_2000.0.\n" +
            "Reflectance is computed as the gateway does, (S - D)/(W - D) from simulated raw counts with noise, lamp and temperature drift.\n" +
            "label: ore | plastic | rubber | cellulose | other_organic | metal. material: the contaminant (black_* = carbon-black, nearly NIR-invisible)\n" +
            "or, for ore rows, the brand's mineral family. fraction: contaminant share of the spot (0 for ore). moisture: ore moisture, %.")
        {
            seed, count, output, brands, moistureMin, moistureMax, contaminantFraction, materials, areaMin, areaMax, integration, averages, format,
        };

        command.SetAction(async (parse, ct) =>
        {
            var brandList = new List<OreBrand>();
            foreach (string name in Split(parse.GetValue(brands)))
            {
                if (!OreBrands.TryFind(name, out var brand))
                {
                    return Fail($"--brands: unknown brand '{name}'. Known: {string.Join(", ", OreBrands.All.Select(b => b.Id))}.");
                }

                brandList.Add(brand);
            }

            var materialList = new List<DatasetMaterial>();
            string? materialText = parse.GetValue(materials);
            if (string.IsNullOrWhiteSpace(materialText))
            {
                materialList.AddRange(DatasetMaterial.All);
            }
            else
            {
                foreach (string name in Split(materialText))
                {
                    if (!DatasetMaterial.TryFind(name, out var material))
                    {
                        return Fail($"--materials: unknown material '{name}'. Known: {string.Join(", ", DatasetMaterial.All.Select(m => m.Name))}.");
                    }

                    materialList.Add(material);
                }
            }

            var options = new SpectralDatasetOptions
            {
                Seed = parse.GetValue(seed),
                Count = parse.GetValue(count),
                Brands = brandList,
                MoistureMinPct = parse.GetValue(moistureMin),
                MoistureMaxPct = parse.GetValue(moistureMax),
                ContaminantFraction = parse.GetValue(contaminantFraction),
                Materials = materialList,
                AreaFractionMin = parse.GetValue(areaMin),
                AreaFractionMax = parse.GetValue(areaMax),
                IntegrationUs = parse.GetValue(integration),
                Averages = parse.GetValue(averages),
            };
            string? problem = options.Validate();
            if (problem is not null)
            {
                return Fail(problem);
            }

            string path = Path.GetFullPath(parse.GetValue(output)!);
            string? dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            var stopwatch = Stopwatch.StartNew();
            var generator = new SpectralDatasetGenerator(options);
            if (parse.GetValue(format) == "spectrum-file")
            {
                string labelsPath = Path.ChangeExtension(path, null) + ".labels.csv";
                await using var spectraWriter = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
                await using var labelsWriter = new StreamWriter(labelsPath, false, new UTF8Encoding(false)) { NewLine = "\n" };
                await SpectrumFileWriter.WriteAsync(generator, options.Count, spectraWriter, labelsWriter, ct);
                Console.Error.WriteLine($"Wrote {options.Count} spectra as a spectrum file to {path}; labels in {labelsPath}.");
                return 0;
            }

            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
            {
                writer.NewLine = "\n";
                await generator.WriteCsvAsync(writer, progress: null, ct);
            }

            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {options.Count} spectra ({generator.WavelengthsNm.Count} pixels) to {path} in {stopwatch.Elapsed.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
    }

    private static string[] Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
