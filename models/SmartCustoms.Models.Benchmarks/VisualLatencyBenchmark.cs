using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Models.Benchmarks;

/// <summary>
/// Times <see cref="VisualDetector"/> per 1280×720 camera frame, one frame after another as on the lane:
/// from the JPEG (half-size decode, resize, model, decoding/NMS) and from the model input alone. Frames are
/// the parity JPEGs in tests/SmartCustoms.Models.Tests/TestData/visual. Writes models/onnx/visual-detector.benchmark.json.
/// </summary>
internal static class VisualLatencyBenchmark
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var repo = FindRepositoryRoot();
        var modelPath = Option(args, "--model") ?? Path.Combine(repo, "models", "onnx", "visual-detector.onnx");
        var outPath = Option(args, "--out") ?? Path.Combine(repo, "models", "onnx", "visual-detector.benchmark.json");
        var seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var frameDir = Path.Combine(repo, "tests", "SmartCustoms.Models.Tests", "TestData", "visual");
        var jpegs = Directory.GetFiles(frameDir, "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        if (jpegs.Length == 0)
        {
            error.WriteLine($"error: no JPEG frames in {frameDir} (run models/training/train_visual.sh)");
            return 1;
        }

        var loadBefore = ReadLoadAverage();
        var rows = new List<Dictionary<string, object>>();
        string sha = string.Empty;
        foreach (var threads in new[] { 2, 1 })
        {
            VisualDetector detector;
            try
            {
                detector = ModelRegistry.LoadVisualDetector(modelPath, new VisualDetectorSettings { IntraOpThreads = threads });
            }
            catch (ModelLoadException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return 1;
            }

            using (detector)
            {
                sha = detector.Model.Sha256;
                var input = VisualDetector.PreprocessJpeg(jpegs[0], detector.Description.InputWidth, detector.Description.InputHeight);
                var i = 0;
                rows.Add(Measure("jpeg 1280x720 -> detections", threads, seconds, () => detector.DetectJpeg(jpegs[i++ % jpegs.Length], 1280, 720)));
                rows.Add(Measure("model input -> detections", threads, seconds, () => detector.DetectModelInput(input, 1280, 720)));
            }
        }

        output.WriteLine($"visual detector sha256 {sha}");
        output.WriteLine($"{"case",-32} {"threads",8} {"frames",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r["case"],-32} {r["intra_op_threads"],8} {r["frames"],8} {r["p50_ms"],8:0.00} {r["p99_ms"],8:0.00} {r["max_ms"],8:0.00}"));
        }

        var report = new Dictionary<string, object>
        {
            ["model_sha256"] = sha,
            ["measured_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["machine"] = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}",
            ["seconds_per_case"] = seconds,
            ["load_average_before"] = loadBefore,
            ["load_average_after"] = ReadLoadAverage(),
            ["results"] = rows,
        };
        File.WriteAllText(outPath, JsonSerializer.Serialize(report, JsonOptions));
        output.WriteLine($"wrote {outPath}; refresh the model card with: /usr/bin/python3 models/training/visual_model_card.py");
        return 0;
    }

    private static Dictionary<string, object> Measure(string name, int threads, double seconds, Action call)
    {
        for (var w = 0; w < 20; w++)
        {
            call();
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        return new Dictionary<string, object>
        {
            ["case"] = name,
            ["intra_op_threads"] = threads,
            ["frames"] = times.Count,
            ["mean_ms"] = Math.Round(times.Average(), 3),
            ["p50_ms"] = Math.Round(At(0.50), 3),
            ["p99_ms"] = Math.Round(At(0.99), 3),
            ["max_ms"] = Math.Round(times[^1], 3),
        };
    }

    private static string ReadLoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "unknown";
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
