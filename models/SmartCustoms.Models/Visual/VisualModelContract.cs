namespace SmartCustoms.Models.Visual;

/// <summary>
/// What the C# side expects of the visual detector's ONNX file (written by models/training/train_visual.py).
/// A file that differs is refused by <see cref="Loading.ModelRegistry.LoadVisualDetector"/>.
/// </summary>
internal static class VisualModelContract
{
    public const string InputName = "frames";
    public const string HeatmapOutput = "heatmap";
    public const string BoxOutput = "box";

    public const string MetaModelId = "model_id";
    public const string MetaVersion = "model_version";
    public const string MetaClassNames = "class_names";
    public const string MetaInputWidth = "input_width";
    public const string MetaInputHeight = "input_height";
    public const string MetaStride = "stride";
    public const string MetaScoreThreshold = "score_threshold";
    public const string MetaNmsIou = "nms_iou";
    public const string MetaMaxDetections = "max_detections";

    /// <summary>Box channels: centre offset x, y within the cell (0-1), log width, log height in cells.</summary>
    public const int BoxChannels = 4;

    public static readonly string[] InputNames = [InputName];
    public static readonly string[] OutputNames = [HeatmapOutput, BoxOutput];
}
