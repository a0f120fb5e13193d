namespace SmartCustoms.Models;

/// <summary>Settings of the models, configuration section <c>Models</c>.</summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Models";

    /// <summary>The default model path, relative to the app's directory (the project copies the model there).</summary>
    public const string DefaultSpectralModelPath = "models/onnx/spectral-classifier.onnx";

    /// <summary>The spectral classifier's ONNX file; a relative path is resolved against the app's directory.</summary>
    public string SpectralModelPath { get; set; } = DefaultSpectralModelPath;

    /// <summary>Overrides the contaminant threshold stored in the model (0-1); empty keeps the model's.</summary>
    public double? ContaminantThreshold { get; set; }

    /// <summary>Overrides the out-of-distribution threshold stored in the model (&gt; 0); empty keeps the model's.</summary>
    public double? OodThreshold { get; set; }

    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int IntraOpThreads { get; set; } = 2;

    /// <summary>Longest run of adjacent invalid (saturated) pixels bridged by interpolation.</summary>
    public int MaxInvalidPixelRun { get; set; } = 2;

    /// <summary>Largest share of invalid pixels before a spectrum is refused (0-0.5).</summary>
    public double MaxInvalidPixelFraction { get; set; } = 0.05;

    /// <summary>The absolute model path: <see cref="SpectralModelPath"/> resolved against <see cref="AppContext.BaseDirectory"/>.</summary>
    public string ResolveSpectralModelPath() =>
        Path.GetFullPath(Path.IsPathRooted(SpectralModelPath) ? SpectralModelPath : Path.Combine(AppContext.BaseDirectory, SpectralModelPath));

    /// <summary>The classifier settings these options describe.</summary>
    public Loading.SpectralClassifierSettings ToClassifierSettings() => new()
    {
        IntraOpThreads = IntraOpThreads,
        ContaminantThreshold = (float?)ContaminantThreshold,
        OodThreshold = (float?)OodThreshold,
        QualityLimits = new Spectra.SpectrumQualityLimits(MaxInvalidPixelRun, MaxInvalidPixelFraction),
    };
}
