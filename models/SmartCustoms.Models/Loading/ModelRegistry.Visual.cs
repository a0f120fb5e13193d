using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Models.Loading;

/// <summary>The visual detector's loading and contract check (see <see cref="VisualModelContract"/>).</summary>
public static partial class ModelRegistry
{
    private const string VisualExporter = "models/training/train_visual.py";
    private const string VisualShapeNote = "-1 = batch; classes and grid from the metadata";

    /// <summary>Loads the visual debris detector at <paramref name="filePath"/>.</summary>
    /// <exception cref="ModelLoadException">The file is missing, unreadable, or not the detector the code expects.</exception>
    public static VisualDetector LoadVisualDetector(string filePath, VisualDetectorSettings? settings = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        settings ??= new VisualDetectorSettings();
        logger ??= NullLogger.Instance;
        return OpenChecked(filePath, settings.IntraOpThreads, (fullPath, session, options, sha256) =>
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            var description = ReadVisualDescription(fullPath, metadata, settings);
            CheckVisualSignature(fullPath, session, description);
            var identity = new ModelIdentity(
                Required(fullPath, metadata, VisualModelContract.MetaModelId, VisualExporter),
                Required(fullPath, metadata, VisualModelContract.MetaVersion, VisualExporter),
                sha256,
                fullPath);
            var detector = new VisualDetector(session, options, identity, description, settings);
            var classList = string.Join(',', description.ClassNames);
            ModelsLog.VisualModelLoaded(logger, fullPath, identity.Id, identity.Version, sha256, classList, description.Decoding.ScoreThreshold);
            return detector;
        });
    }

    private static VisualModelDescription ReadVisualDescription(string path, Dictionary<string, string> metadata, VisualDetectorSettings settings)
    {
        var classNames = Required(path, metadata, VisualModelContract.MetaClassNames, VisualExporter)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (classNames.Length < 1)
        {
            throw new ModelLoadException(path, $"metadata '{VisualModelContract.MetaClassNames}' lists no class.");
        }

        var width = (int)RequiredNumber(path, metadata, VisualModelContract.MetaInputWidth, VisualExporter);
        var height = (int)RequiredNumber(path, metadata, VisualModelContract.MetaInputHeight, VisualExporter);
        var stride = (int)RequiredNumber(path, metadata, VisualModelContract.MetaStride, VisualExporter);
        if (width < 8 || height < 8 || stride < 1 || width % stride != 0 || height % stride != 0)
        {
            throw new ModelLoadException(path, $"metadata input {width}x{height} with stride {stride} is not usable (sizes must be multiples of the stride).");
        }

        var threshold = settings.ScoreThreshold ?? (float)RequiredNumber(path, metadata, VisualModelContract.MetaScoreThreshold, VisualExporter);
        var nms = settings.NmsIou ?? (float)RequiredNumber(path, metadata, VisualModelContract.MetaNmsIou, VisualExporter);
        var max = (int)RequiredNumber(path, metadata, VisualModelContract.MetaMaxDetections, VisualExporter);
        if (!(threshold > 0 && threshold < 1) || !(nms > 0 && nms <= 1) || max < 1)
        {
            throw new ModelLoadException(path, FormattableString.Invariant($"decoding settings not usable: threshold {threshold}, NMS IoU {nms}, max detections {max}."));
        }

        return new VisualModelDescription(classNames, width, height, stride, new DetectionDecodingSettings(threshold, nms, max));
    }

    private static void CheckVisualSignature(string path, InferenceSession session, VisualModelDescription description)
    {
        if (session.InputNames.Count != 1 || session.InputNames[0] != VisualModelContract.InputName)
        {
            throw new ModelLoadException(path, $"expected one input '{VisualModelContract.InputName}', the model has [{string.Join(", ", session.InputNames)}].");
        }

        CheckTensor(path, "input", VisualModelContract.InputName, session.InputMetadata[VisualModelContract.InputName], TensorElementType.UInt8,
            [-1, description.InputHeight, description.InputWidth, 3], VisualShapeNote);
        foreach (var (name, shape) in new (string, int[])[]
                 {
                     (VisualModelContract.HeatmapOutput, [-1, description.ClassNames.Count, description.GridHeight, description.GridWidth]),
                     (VisualModelContract.BoxOutput, [-1, VisualModelContract.BoxChannels, description.GridHeight, description.GridWidth]),
                 })
        {
            if (!session.OutputMetadata.TryGetValue(name, out var output))
            {
                throw new ModelLoadException(path, $"expected an output '{name}', the model has [{string.Join(", ", session.OutputNames)}].");
            }

            CheckTensor(path, "output", name, output, TensorElementType.Float, shape, VisualShapeNote);
        }
    }
}
