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

    /// <summary>
    /// ONNX Runtime intra-op threads of the spectral model. 1: the model is small (39k parameters), so a second thread
    /// inside one call mostly waits on the first; the gateway runs calls side by side instead
    /// (<c>Acquisition:Nir:InferenceParallelism</c>). Measured on the 2-core box: one caller with 2 threads 32,000
    /// spectra/s at 152 % CPU, one caller with 1 thread 29,000 at 100 %, two callers with 1 thread each 60,000 at 199 %.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

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
    /// skipped, never queued). 25 = every frame of the camera's 25/s: an item stays ~0.26 s in view at 4.5 m/s and is
    /// seen in 5-8 frames, which the lane's second-sighting rule (<c>Lane:Verdicts:VisualSuspectMinSightings</c> 2)
    /// counts on; the gateway uses ~26 % of 2 cores at the contract load with it. Lower it on a slower box (at 10/s an
    /// item is in 2-3 frames).
    /// </summary>
    public double VisualMaxFramesPerSecond { get; set; } = 25;

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
