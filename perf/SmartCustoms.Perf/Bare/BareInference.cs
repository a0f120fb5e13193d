using System.Diagnostics;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Perf.Bare;

/// <summary>
/// The models' inference alone on this machine's cores, for a fixed time: the limit the gateway is compared with.
/// A small model leaves cores idle inside one call, so each model is measured two ways and the better one is its
/// limit: one caller with two ONNX Runtime intra-op threads, and two callers side by side with one thread each.
/// </summary>
internal static class BareInference
{
    /// <summary>The spectral model's limit: the better of one caller × 2 threads and 2 callers × 1 thread (batches of <paramref name="batch"/>).</summary>
    public static BareResult SpectralLimit(string modelPath, int batch, double seconds)
    {
        var oneCaller = Spectral(modelPath, batch, 2, seconds, callers: 1);
        var twoCallers = Spectral(modelPath, batch, 1, seconds, callers: 2);
        return Best(oneCaller, twoCallers);
    }

    /// <summary>The visual detector's limit: the better of one caller × 2 threads and 2 callers × 1 thread.</summary>
    public static BareResult VisualLimit(string modelPath, byte[] jpeg, double seconds)
    {
        var oneCaller = Visual(modelPath, jpeg, 2, seconds, callers: 1);
        var twoCallers = Visual(modelPath, jpeg, 1, seconds, callers: 2);
        return Best(oneCaller, twoCallers);
    }

    private static BareResult Best(BareResult a, BareResult b)
    {
        var (best, other) = a.PerSecond >= b.PerSecond ? (a, b) : (b, a);
        return best with
        {
            Detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{best.Detail}; the better of two ways (the other, {other.Detail}: {other.PerSecond:0} {other.Unit} at {other.CpuPercentOfOneCore:0} % of one core)"),
        };
    }

    /// <summary>The spectral model alone as the gateway calls it (batches on the model grid), <paramref name="callers"/> threads each calling it in a loop.</summary>
    public static BareResult Spectral(string modelPath, int batch, int intraOpThreads, double seconds, int callers = 1)
    {
        using var classifier = ModelRegistry.LoadSpectralClassifier(modelPath, new SpectralClassifierSettings { IntraOpThreads = intraOpThreads });
        var (items, wall, cpu) = Measure(callers, seconds, () =>
        {
            var random = new Random(1);
            var input = new float[batch * classifier.Grid.Count];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (float)(0.05 + (0.4 * random.NextDouble()));
            }

            var probabilities = new float[batch * classifier.ClassNames.Count];
            var contaminant = new float[batch];
            var ood = new float[batch];
            return () =>
            {
                classifier.ClassifyModelGrid(input, probabilities, contaminant, ood);
                return batch;
            };
        });
        return new BareResult($"spectral model inference alone ({classifier.Model.Id} {classifier.Model.Version})", items / wall, "spectra/s", cpu / wall * 100,
            $"batch {batch}, {Callers(callers)} × intra-op threads {intraOpThreads}, {seconds:0} s");
    }

    /// <summary>
    /// The visual debris detector alone as the gateway feeds it: one 1280×720 belt-camera JPEG per call
    /// (<see cref="VisualDetector.DetectJpeg"/>: decode, preprocess, inference, decode boxes).
    /// </summary>
    public static BareResult Visual(string modelPath, byte[] jpeg, int intraOpThreads, double seconds, int callers = 1)
    {
        using var detector = ModelRegistry.LoadVisualDetector(modelPath, new VisualDetectorSettings { IntraOpThreads = intraOpThreads });
        var (items, wall, cpu) = Measure(callers, seconds, () => () =>
        {
            detector.DetectJpeg(jpeg, 1280, 720);
            return 1;
        });
        return new BareResult("visual detector alone, JPEG in", items / wall, "frames/s", cpu / wall * 100,
            $"1280×720 JPEG, {Callers(callers)} × intra-op threads {intraOpThreads}, {seconds:0} s");
    }

    private static string Callers(int callers) => callers == 1 ? "1 caller" : $"{callers} callers";

    // Each caller gets its own buffers (made by `prepare` on its thread) and calls until the time is up; warm-up first.
    private static (long Items, double WallSeconds, double CpuSeconds) Measure(int callers, double seconds, Func<Func<int>> prepare)
    {
        var calls = Enumerable.Range(0, callers).Select(_ => prepare()).ToArray();
        foreach (var call in calls)
        {
            for (var i = 0; i < 10; i++)
            {
                call(); // JIT and ONNX Runtime arenas
            }
        }

        long items = 0;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var threads = calls.Select(call => new Thread(() =>
        {
            long mine = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                mine += call();
            }

            Interlocked.Add(ref items, mine);
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        return (items, wall, cpu);
    }
}
