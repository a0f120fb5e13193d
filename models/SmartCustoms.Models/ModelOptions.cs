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

    /// <summary>The default visual detector path, relative to the app's directory (the project copies the model there).</summary>
    public const string DefaultVisualModelPath = "models/onnx/visual-detector.onnx";

    /// <summary>The visual debris detector's ONNX file (relative = to the app's directory); empty turns visual detection off.</summary>
    public string VisualModelPath { get; set; } = DefaultVisualModelPath;

    /// <summary>Overrides the detector's score threshold stored in the model (0-1); empty keeps the model's.</summary>
    public double? VisualScoreThreshold { get; set; }

    /// <summary>Overrides the detector's NMS overlap (IoU, 0-1) stored in the model; empty keeps the model's.</summary>
    public double? VisualNmsIou { get; set; }

    /// <summary>ONNX Runtime intra-op threads of the visual detector.</summary>
    public int VisualIntraOpThreads { get; set; } = 2;

    /// <summary>
    /// Most camera frames per second run through the detector (the latest frame is taken; frames in between are
    /// skipped, never queued). 10 of the camera's 25: an item stays ~0.26 s in view at 4.5 m/s, so it is still seen
    /// 2-3 times, and the 2-core lane PC keeps CPU for NIR inference, fusion and the UI (p50 ≈ 9 ms per frame, more under load).
    /// </summary>
    public double VisualMaxFramesPerSecond { get; set; } = 10;

    /// <summary>Width of belt seen across the camera image, m (sizes in cm; 1,280 px over 2.05 m, DOMAIN.md).</summary>
    public double CameraFieldOfViewAcrossM { get; set; } = 2.05;

    /// <summary>True when <see cref="VisualModelPath"/> names a model (visual detection on).</summary>
    public bool VisualDetectionEnabled => !string.IsNullOrWhiteSpace(VisualModelPath);

    /// <summary>The absolute visual model path, resolved like <see cref="ResolveSpectralModelPath"/>.</summary>
    public string ResolveVisualModelPath() =>
        Path.GetFullPath(Path.IsPathRooted(VisualModelPath) ? VisualModelPath : Path.Combine(AppContext.BaseDirectory, VisualModelPath));

    /// <summary>The detector settings these options describe.</summary>
    public Visual.VisualDetectorSettings ToVisualDetectorSettings() => new()
    {
        IntraOpThreads = VisualIntraOpThreads,
        ScoreThreshold = (float?)VisualScoreThreshold,
        NmsIou = (float?)VisualNmsIou,
        FieldOfViewAcrossM = CameraFieldOfViewAcrossM,
    };

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
