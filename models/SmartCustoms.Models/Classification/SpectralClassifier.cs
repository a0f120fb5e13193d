using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Classification;

/// <summary>
/// Classifies reflectance spectra as ore (by brand family) or solid waste, with an out-of-distribution flag.
/// One ONNX Runtime session per instance, created by <see cref="ModelRegistry.LoadSpectralClassifier"/>.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="InferenceSession"/>.Run is thread-safe, and every call works on the caller's
/// spans or on buffers rented per call from <see cref="ArrayPool{T}.Shared"/>; nothing mutable is shared.
/// </remarks>
public sealed class SpectralClassifier : IDisposable
{
    private static readonly OrtMemoryInfo CpuMemory = OrtMemoryInfo.DefaultInstance;

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions = new();
    private readonly SpectralModelDescription _description;
    private readonly SpectralClassifierSettings _settings;
    private readonly bool[] _isContaminant;
    private long _classified;
    private long _refused;
    private bool _disposed;

    internal SpectralClassifier(
        InferenceSession session,
        SessionOptions sessionOptions,
        ModelIdentity model,
        SpectralModelDescription description,
        SpectralClassifierSettings settings)
    {
        _session = session;
        _sessionOptions = sessionOptions;
        _description = description;
        _settings = settings;
        _isContaminant = description.IsContaminant.ToArray();
        Model = model;
    }

    /// <summary>Id, version and SHA-256 of the loaded model.</summary>
    public ModelIdentity Model { get; }

    /// <summary>The grid spectra are resampled to before they enter the model.</summary>
    public ModelGrid Grid => _description.Grid;

    /// <summary>Output classes, in the order of the probabilities.</summary>
    public IReadOnlyList<string> ClassNames => _description.ClassNames;

    /// <summary>Per class: true for contaminant (solid-waste) classes.</summary>
    public IReadOnlyList<bool> IsContaminantClass => _description.IsContaminant;

    /// <summary>Contaminant-score threshold in force (the model's, or the configured override).</summary>
    public float ContaminantThreshold => _description.ContaminantThreshold;

    /// <summary>OOD-score threshold in force (the model's, or the configured override).</summary>
    public float OodThreshold => _description.OodThreshold;

    /// <summary>Spectra classified since start.</summary>
    public long ClassifiedCount => Interlocked.Read(ref _classified);

    /// <summary>Spectra refused (bad grid, too many invalid pixels) since start.</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    /// <summary>
    /// The hot path: <paramref name="spectra"/> holds n spectra already on <see cref="Grid"/>, back to back
    /// (n × Grid.Count values). Writes n × ClassNames.Count probabilities and n scores of each kind.
    /// Allocates nothing per spectrum; the spans are pinned and handed to ONNX Runtime as they are.
    /// </summary>
    public void ClassifyModelGrid(ReadOnlySpan<float> spectra, Span<float> probabilities, Span<float> contaminantScores, Span<float> oodScores)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var width = Grid.Count;
        if (spectra.Length % width != 0)
        {
            throw new ArgumentException($"Expected a multiple of {width} values (spectra on the model grid), got {spectra.Length}.", nameof(spectra));
        }

        var count = spectra.Length / width;
        var classes = ClassNames.Count;
        if (probabilities.Length < count * classes || contaminantScores.Length < count || oodScores.Length < count)
        {
            throw new ArgumentException($"Output spans too small for {count} spectra ({classes} classes).");
        }

        for (var start = 0; start < count; start += _settings.MaxBatchSize)
        {
            var n = Math.Min(_settings.MaxBatchSize, count - start);
            RunBatch(
                spectra.Slice(start * width, n * width),
                probabilities.Slice(start * classes, n * classes),
                contaminantScores.Slice(start, n),
                oodScores.Slice(start, n),
                n);
        }

        Interlocked.Add(ref _classified, count);
    }

    /// <summary>Classifies one spectrum on any grid covering <see cref="Grid"/>.</summary>
    public SpectralClassification Classify(ReflectanceSpectrum spectrum) => Classify([spectrum])[0];

    /// <summary>
    /// Classifies spectra on any grids covering <see cref="Grid"/>: resamples each (bridging isolated
    /// invalid pixels), runs them as one batch, and returns one result per spectrum in the same order.
    /// A spectrum that cannot be used gets a result with <c>IsValid = false</c> and the reason; the others
    /// are still classified.
    /// </summary>
    public SpectralClassification[] Classify(ReadOnlySpan<ReflectanceSpectrum> spectra)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var width = Grid.Count;
        var classes = ClassNames.Count;
        var results = new SpectralClassification[spectra.Length];
        var input = ArrayPool<float>.Shared.Rent(Math.Max(1, spectra.Length * width));
        var batchIndex = ArrayPool<int>.Shared.Rent(Math.Max(1, spectra.Length));
        try
        {
            SpectrumResampler? resampler = null;
            var valid = 0;
            for (var i = 0; i < spectra.Length; i++)
            {
                var spectrum = spectra[i];
                batchIndex[i] = -1;
                string? problem;
                try
                {
                    if (resampler is null || !resampler.IsPlannedFor(spectrum.WavelengthsNm.Span))
                    {
                        resampler = new SpectrumResampler(spectrum.WavelengthsNm.Span, Grid, _settings.QualityLimits);
                    }

                    if (resampler.TryResample(spectrum.Reflectance.Span, input.AsSpan(valid * width, width), out problem))
                    {
                        batchIndex[i] = valid++;
                        continue;
                    }
                }
                catch (SpectrumGridException ex)
                {
                    resampler = null;
                    problem = ex.Message;
                }

                Interlocked.Increment(ref _refused);
                results[i] = new SpectralClassification(
                    spectrum.Name, false, SpectralClassification.InvalidClass, [], float.NaN, false, float.NaN, false, problem, Model);
            }

            if (valid > 0)
            {
                var probabilities = ArrayPool<float>.Shared.Rent(valid * classes);
                var scores = ArrayPool<float>.Shared.Rent(valid * 2);
                try
                {
                    ClassifyModelGrid(
                        input.AsSpan(0, valid * width),
                        probabilities.AsSpan(0, valid * classes),
                        scores.AsSpan(0, valid),
                        scores.AsSpan(valid, valid));
                    for (var i = 0; i < spectra.Length; i++)
                    {
                        var b = batchIndex[i];
                        if (b >= 0)
                        {
                            results[i] = Decide(spectra[i].Name, probabilities.AsSpan(b * classes, classes), scores[b], scores[valid + b]);
                        }
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(probabilities);
                    ArrayPool<float>.Shared.Return(scores);
                }
            }

            return results;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<int>.Shared.Return(batchIndex);
        }
    }

    /// <summary>
    /// Turns the model's outputs into a decision: out of distribution → unknown; contaminant score above
    /// threshold → the most probable contaminant class; otherwise the most probable ore class.
    /// </summary>
    public SpectralClassification Decide(string spectrumName, ReadOnlySpan<float> probabilities, float contaminantScore, float oodScore)
    {
        var isContaminant = contaminantScore > ContaminantThreshold;
        var isOod = oodScore > OodThreshold;
        var best = -1;
        for (var c = 0; c < probabilities.Length; c++)
        {
            if (_isContaminant[c] == isContaminant && (best < 0 || probabilities[c] > probabilities[best]))
            {
                best = c;
            }
        }

        var className = isOod ? SpectralClassification.UnknownClass : ClassNames[best];
        return new SpectralClassification(
            spectrumName, true, className, probabilities.ToArray(), contaminantScore, isContaminant, oodScore, isOod, null, Model);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
        _sessionOptions.Dispose();
    }

    private unsafe void RunBatch(ReadOnlySpan<float> spectra, Span<float> probabilities, Span<float> contaminantScores, Span<float> oodScores, int n)
    {
        fixed (float* input = spectra)
        fixed (float* probs = probabilities)
        fixed (float* contaminant = contaminantScores)
        fixed (float* ood = oodScores)
        {
            using var inputValue = Wrap(input, spectra.Length, [n, Grid.Count]);
            using var probsValue = Wrap(probs, probabilities.Length, [n, ClassNames.Count]);
            using var contaminantValue = Wrap(contaminant, contaminantScores.Length, [n]);
            using var oodValue = Wrap(ood, oodScores.Length, [n]);
            _session.Run(
                _runOptions,
                SpectralModelContract.InputNames,
                [inputValue],
                SpectralModelContract.OutputNames,
                [probsValue, contaminantValue, oodValue]);
        }
    }

    private static unsafe OrtValue Wrap(float* data, int length, long[] shape) =>
        OrtValue.CreateTensorValueWithData(CpuMemory, TensorElementType.Float, shape, (IntPtr)data, (long)length * sizeof(float));
}
