using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Loading;

/// <summary>Run-time settings for a <see cref="Classification.SpectralClassifier"/>.</summary>
public sealed record SpectralClassifierSettings
{
    /// <summary>ONNX Runtime intra-op threads; 1 by default (see <c>ModelOptions.IntraOpThreads</c>: for this small model, calls side by side use the cores better than threads inside one call).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Overrides the contaminant threshold stored in the model; null keeps the model's.</summary>
    public float? ContaminantThreshold { get; init; }

    /// <summary>Overrides the out-of-distribution threshold stored in the model; null keeps the model's.</summary>
    public float? OodThreshold { get; init; }

    /// <summary>When a spectrum with invalid pixels is repaired or refused.</summary>
    public SpectrumQualityLimits QualityLimits { get; init; } = SpectrumQualityLimits.Default;

    /// <summary>Largest batch handed to ONNX Runtime at once; bigger requests are split.</summary>
    public int MaxBatchSize { get; init; } = 512;
}
