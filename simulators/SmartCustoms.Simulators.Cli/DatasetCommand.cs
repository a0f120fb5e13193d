using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.Dataset;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim dataset spectra|frames …</c>: labelled simulated spectra (CSV) and camera frames for model training.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var dataset = new Command("dataset", "Export simulated data sets for model training.");
        dataset.Subcommands.Add(CreateSpectra());
        dataset.Subcommands.Add(CreateFrames());
        return dataset;
    }

    private static Command CreateFrames()
    {
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and options give the same files.", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "Number of frames.", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "Directory to write frames.u8, frames.csv, boxes.csv (and jpeg/).", Required = true };
        var brands = new Option<string>("--brands") { Description = "Comma-separated ore brands.", DefaultValueFactory = _ => "carajas,pilbara_blend,yandi,magnetite_concentrate" };
        var gainMin = new Option<double>("--gain-min") { Description = "Lowest lighting gain.", DefaultValueFactory = _ => 0.85 };
        var gainMax = new Option<double>("--gain-max") { Description = "Highest lighting gain.", DefaultValueFactory = _ => 1.15 };
        var cast = new Option<double>("--colour-cast") { Description = "Largest per-channel deviation of the light's colour, 0-0.5.", DefaultValueFactory = _ => 0 };
        var speedMin = new Option<double>("--speed-min") { Description = "Lowest belt speed, m/s (motion blur).", DefaultValueFactory = _ => 3.5 };
        var speedMax = new Option<double>("--speed-max") { Description = "Highest belt speed, m/s.", DefaultValueFactory = _ => 5.0 };
        var clean = new Option<double>("--clean-fraction") { Description = "Share of frames without items, 0-1.", DefaultValueFactory = _ => 0.25 };
        var maxItems = new Option<int>("--max-items") { Description = "Most items in a frame.", DefaultValueFactory = _ => 4 };
        var sizeMin = new Option<double>("--size-min-cm") { Description = "Smallest item, cm.", DefaultValueFactory = _ => 2 };
        var sizeMax = new Option<double>("--size-max-cm") { Description = "Largest item, cm.", DefaultValueFactory = _ => 60 };
        var modelWidth = new Option<int>("--model-width") { Description = "Width the frames are shrunk to (the detector's input).", DefaultValueFactory = _ => 320 };
        var modelHeight = new Option<int>("--model-height") { Description = "Height the frames are shrunk to.", DefaultValueFactory = _ => 180 };
        var jpegFrames = new Option<int>("--jpeg-frames") { Description = "Keep the first N full-size JPEGs in jpeg/ (parity tests).", DefaultValueFactory = _ => 0 };
        var command = new Command(
            "frames",
            "Write labelled camera frames for the visual debris detector: rendered with the camera simulator's ore strip and item sprites,\n" +
            "JPEG-encoded as the camera sends them (quality 80), decoded and shrunk with area interpolation to the model size.\n" +
            "frames.u8: N x height x width x 3 bytes (BGR); frames.csv: frame,brand,gain,speed_mps,blur_px,items;\n" +
            "boxes.csv: frame,class,material,colour,size_cm,width_cm,x0,y0,x1,y1,visible_fraction (full-frame pixels, 1280x720).")
        {
            seed, count, output, brands, gainMin, gainMax, cast, speedMin, speedMax, clean, maxItems, sizeMin, sizeMax, modelWidth, modelHeight, jpegFrames,
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

            var conditions = new DetectorFrameConditions
            {
                Brands = brandList,
                GainMin = parse.GetValue(gainMin),
                GainMax = parse.GetValue(gainMax),
                ColourCast = parse.GetValue(cast),
                SpeedMinMps = parse.GetValue(speedMin),
                SpeedMaxMps = parse.GetValue(speedMax),
                CleanFraction = parse.GetValue(clean),
                MaxItems = parse.GetValue(maxItems),
                SizeMinM = parse.GetValue(sizeMin) / 100,
                SizeMaxM = parse.GetValue(sizeMax) / 100,
            };
            string? problem = conditions.Validate();
            int n = parse.GetValue(count);
            int mw = parse.GetValue(modelWidth);
            int mh = parse.GetValue(modelHeight);
            problem ??= n < 1 ? "--count must be at least 1." : null;
            problem ??= mw is < 32 or > 1280 || mh is < 32 or > 720 ? $"--model-width/--model-height {mw}x{mh} must be 32-1280 x 32-720." : null;
            if (problem is not null)
            {
                return Fail(problem);
            }

            string dir = Path.GetFullPath(parse.GetValue(output)!);
            var stopwatch = Stopwatch.StartNew();
            using var renderer = new DetectorFrameRenderer(conditions, new CameraSimulatorOptions(), parse.GetValue(seed));
            await DetectorDatasetWriter.WriteAsync(renderer, n, dir, new OpenCvSharp.Size(mw, mh), 80, parse.GetValue(jpegFrames), ct);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {n} frames ({mw}x{mh}) to {dir} in {stopwatch.Elapsed.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
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
