using BenchmarkDotNet.Attributes;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Perf.Components;

/// <summary>The visual debris detector on one 1280×720 belt JPEG: decode + preprocess + inference + box decoding.</summary>
public class VisualDetectorBenchmarks
{
    private VisualDetector? _detector;
    private byte[] _jpeg = [];

    [GlobalSetup]
    public void Setup()
    {
        _detector = ModelRegistry.LoadVisualDetector(PerfPaths.VisualModel, new VisualDetectorSettings { IntraOpThreads = 2 });
        _jpeg = Bare.BeltFrame.Jpeg();
    }

    [Benchmark]
    public int DetectJpeg() => _detector!.DetectJpeg(_jpeg, 1280, 720).Detections.Count;

    [GlobalCleanup]
    public void Cleanup() => _detector?.Dispose();
}
