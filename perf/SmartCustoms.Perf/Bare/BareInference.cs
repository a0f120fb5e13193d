using System.Diagnostics;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Perf.Bare;

/// <summary>
/// The spectral model alone, as the gateway calls it (batches of one NIR burst, on the model grid, the same
/// intra-op thread count as the gateway's default), one caller thread, for a fixed time: the inference limit
/// of this machine's cores.
/// </summary>
internal static class BareInference
{
    public static BareResult Spectral(string modelPath, int batch, int intraOpThreads, double seconds)
    {
        using var classifier = ModelRegistry.LoadSpectralClassifier(modelPath, new SpectralClassifierSettings { IntraOpThreads = intraOpThreads });
        var random = new Random(1);
        var input = new float[batch * classifier.Grid.Count];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(0.05 + (0.4 * random.NextDouble()));
        }

        var probabilities = new float[batch * classifier.ClassNames.Count];
        var contaminant = new float[batch];
        var ood = new float[batch];
        for (var i = 0; i < 20; i++)
        {
            classifier.ClassifyModelGrid(input, probabilities, contaminant, ood); // JIT and ONNX Runtime arenas
        }

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long spectra = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            classifier.ClassifyModelGrid(input, probabilities, contaminant, ood);
            spectra += batch;
        }

        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        return new BareResult($"spectral model inference alone ({classifier.Model.Id} {classifier.Model.Version})", spectra / wall, "spectra/s", cpu / wall * 100,
            $"batch {batch}, intra-op threads {intraOpThreads}, {seconds:0} s");
    }

    /// <summary>
    /// The visual debris detector alone as the gateway feeds it: one 1280×720 belt-camera JPEG per call
    /// (<see cref="VisualDetector.DetectJpeg"/>: decode, preprocess, inference, decode boxes), one caller thread.
    /// </summary>
    public static BareResult Visual(string modelPath, byte[] jpeg, int intraOpThreads, double seconds)
    {
        using var detector = ModelRegistry.LoadVisualDetector(modelPath, new VisualDetectorSettings { IntraOpThreads = intraOpThreads });
        for (var i = 0; i < 5; i++)
        {
            detector.DetectJpeg(jpeg, 1280, 720);
        }

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long frames = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            detector.DetectJpeg(jpeg, 1280, 720);
            frames++;
        }

        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        return new BareResult("visual detector alone, JPEG in", frames / wall, "frames/s", cpu / wall * 100,
            $"1280×720 JPEG, intra-op threads {intraOpThreads}, {seconds:0} s");
    }
}
