using BenchmarkDotNet.Attributes;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Perf.Components;

/// <summary>
/// The spectral model: inference alone on the model grid, and preprocessing + inference from a 256-pixel
/// instrument grid (resampling, quality checks), per call of one spectrum or one 50-spectrum burst.
/// </summary>
public class SpectralModelBenchmarks
{
    private SpectralClassifier? _classifier;
    private float[] _input = [];
    private float[] _probabilities = [];
    private float[] _contaminant = [];
    private float[] _ood = [];
    private ReflectanceSpectrum[] _instrumentGrid = [];

    [Params(1, 50)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _classifier = ModelRegistry.LoadSpectralClassifier(PerfPaths.SpectralModel, new SpectralClassifierSettings { IntraOpThreads = 2 });
        var random = new Random(1);
        _input = [.. Enumerable.Range(0, Batch * _classifier.Grid.Count).Select(_ => (float)(0.05 + (0.4 * random.NextDouble())))];
        _probabilities = new float[Batch * _classifier.ClassNames.Count];
        _contaminant = new float[Batch];
        _ood = new float[Batch];
        var nm = Enumerable.Range(0, 256).Select(i => 1000 + (i * 1000.0 / 255)).ToArray();
        _instrumentGrid = [.. Enumerable.Range(0, Batch).Select(i => new ReflectanceSpectrum($"s{i}", nm, Enumerable.Range(0, 256).Select(_ => (float)(0.05 + (0.4 * random.NextDouble()))).ToArray()))];
    }

    [Benchmark]
    public void InferenceOnModelGrid() => _classifier!.ClassifyModelGrid(_input, _probabilities, _contaminant, _ood);

    [Benchmark]
    public int PreprocessingAndInference() => _classifier!.Classify(_instrumentGrid).Length;

    [GlobalCleanup]
    public void Cleanup() => _classifier?.Dispose();
}
