using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Benchmarks;

/// <summary>
/// Times <see cref="SpectralClassifier"/> per call at several batch sizes, on the model grid (the lane's hot
/// path) and from a 256-pixel instrument grid (with resampling). Single-threaded caller, as on the lane.
/// </summary>
internal static class ThroughputBenchmark
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var repo = FindRepositoryRoot();
        var modelPath = Option(args, "--model") ?? Path.Combine(repo, "models", "onnx", "spectral-classifier.onnx");
        var outPath = Option(args, "--out") ?? Path.Combine(repo, "models", "onnx", "spectral-classifier.benchmark.json");
        var threads = int.Parse(Option(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "3", CultureInfo.InvariantCulture);

        SpectralClassifier classifier;
        try
        {
            classifier = ModelRegistry.LoadSpectralClassifier(modelPath, new SpectralClassifierSettings { IntraOpThreads = threads });
        }
        catch (ModelLoadException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        using (classifier)
        {
            // Other processes (builds, tests) share the 2 cores; the load average says how much.
            var loadBefore = ReadLoadAverage();
            var rows = new List<BenchmarkRow>();
            foreach (var batch in new[] { 1, 16, 64, 256 })
            {
                rows.Add(MeasureModelGrid(classifier, batch, seconds));
            }

            rows.Add(MeasureInstrumentGrid(classifier, 64, seconds));

            output.WriteLine($"model {classifier.Model.Id} {classifier.Model.Version} sha256 {classifier.Model.Sha256}, intra-op threads {threads}");
            output.WriteLine($"{"case",-34} {"batch",6} {"mean us",10} {"p99 us",10} {"spectra/s",12}");
            foreach (var r in rows)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Case,-34} {r.Batch,6} {r.MeanMicroseconds,10:0.0} {r.P99Microseconds,10:0.0} {r.SpectraPerSecond,12:N0}"));
            }

            var report = new Dictionary<string, object>
            {
                ["model_sha256"] = classifier.Model.Sha256,
                ["measured_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                ["machine"] = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}",
                ["intra_op_threads"] = threads,
                ["seconds_per_case"] = seconds,
                ["load_average_before"] = loadBefore,
                ["load_average_after"] = ReadLoadAverage(),
                ["results"] = rows.Select(r => new Dictionary<string, object>
                {
                    ["case"] = r.Case,
                    ["batch"] = r.Batch,
                    ["calls"] = r.Calls,
                    ["mean_us_per_call"] = r.MeanMicroseconds,
                    ["p99_us_per_call"] = r.P99Microseconds,
                    ["spectra_per_second"] = r.SpectraPerSecond,
                }).ToList(),
            };
            File.WriteAllText(outPath, JsonSerializer.Serialize(report, JsonOptions));
            output.WriteLine($"wrote {outPath}; refresh the model card with: /usr/bin/python3 models/training/model_card.py");
        }

        return 0;
    }

    private static BenchmarkRow MeasureModelGrid(SpectralClassifier classifier, int batch, double seconds)
    {
        var input = RandomSpectra(batch * classifier.Grid.Count, 1);
        var probabilities = new float[batch * classifier.ClassNames.Count];
        var contaminant = new float[batch];
        var ood = new float[batch];
        return Measure($"ClassifyModelGrid (hot path)", batch, seconds,
            () => classifier.ClassifyModelGrid(input, probabilities, contaminant, ood));
    }

    private static BenchmarkRow MeasureInstrumentGrid(SpectralClassifier classifier, int batch, double seconds)
    {
        var nm = Enumerable.Range(0, 256).Select(i => 1000 + (i * 1000.0 / 255)).ToArray();
        var spectra = Enumerable.Range(0, batch)
            .Select(i => new ReflectanceSpectrum($"s{i}", nm, RandomSpectra(256, i + 2)))
            .ToArray();
        return Measure("Classify (256-px grid, resampling)", batch, seconds, () => classifier.Classify(spectra));
    }

    private static BenchmarkRow Measure(string name, int batch, double seconds, Action call)
    {
        for (var i = 0; i < 50; i++)
        {
            call(); // warm-up: JIT, ONNX Runtime arenas
        }

        var samples = new List<long>(100_000);
        var budget = Stopwatch.StartNew();
        while (budget.Elapsed.TotalSeconds < seconds)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            samples.Add(Stopwatch.GetTimestamp() - start);
        }

        samples.Sort();
        var toMicroseconds = 1e6 / Stopwatch.Frequency;
        var mean = samples.Average() * toMicroseconds;
        var p99 = samples[(int)Math.Min(samples.Count - 1, Math.Ceiling(0.99 * samples.Count) - 1)] * toMicroseconds;
        return new BenchmarkRow(name, batch, samples.Count, mean, p99, batch / (mean / 1e6));
    }

    private static float[] RandomSpectra(int length, int seed)
    {
        // Values in the range of real ore and contaminant reflectance; timing does not depend on them.
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(0.05 + (0.4 * random.NextDouble()))).ToArray();
    }

    private static string ReadLoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "global.json")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private sealed record BenchmarkRow(string Case, int Batch, int Calls, double MeanMicroseconds, double P99Microseconds, double SpectraPerSecond);
}
