using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Models.Loading;

/// <summary>The visual detector's loading and contract check (see <see cref="VisualModelContract"/>).</summary>
public static partial class ModelRegistry
{
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
                VisualRequired(fullPath, metadata, VisualModelContract.MetaModelId),
                VisualRequired(fullPath, metadata, VisualModelContract.MetaVersion),
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
        var classNames = VisualRequired(path, metadata, VisualModelContract.MetaClassNames)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (classNames.Length < 1)
        {
            throw new ModelLoadException(path, $"metadata '{VisualModelContract.MetaClassNames}' lists no class.");
        }

        var width = (int)VisualNumber(path, metadata, VisualModelContract.MetaInputWidth);
        var height = (int)VisualNumber(path, metadata, VisualModelContract.MetaInputHeight);
        var stride = (int)VisualNumber(path, metadata, VisualModelContract.MetaStride);
        if (width < 8 || height < 8 || stride < 1 || width % stride != 0 || height % stride != 0)
        {
            throw new ModelLoadException(path, $"metadata input {width}x{height} with stride {stride} is not usable (sizes must be multiples of the stride).");
        }

        var threshold = settings.ScoreThreshold ?? (float)VisualNumber(path, metadata, VisualModelContract.MetaScoreThreshold);
        var nms = settings.NmsIou ?? (float)VisualNumber(path, metadata, VisualModelContract.MetaNmsIou);
        var max = (int)VisualNumber(path, metadata, VisualModelContract.MetaMaxDetections);
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

        CheckVisualTensor(path, "input", VisualModelContract.InputName, session.InputMetadata[VisualModelContract.InputName], TensorElementType.UInt8,
            [-1, description.InputHeight, description.InputWidth, 3]);
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

            CheckVisualTensor(path, "output", name, output, TensorElementType.Float, shape);
        }
    }

    private static void CheckVisualTensor(string path, string kind, string name, NodeMetadata node, TensorElementType type, int[] expected)
    {
        if (!node.IsTensor || node.ElementDataType != type)
        {
            throw new ModelLoadException(path, $"{kind} '{name}' must be a {type} tensor, the model has {node.OnnxValueType}/{node.ElementDataType}.");
        }

        var actual = node.Dimensions;
        var matches = actual.Length == expected.Length;
        for (var i = 0; matches && i < actual.Length; i++)
        {
            matches = expected[i] == -1 ? actual[i] <= 0 : actual[i] == expected[i];
        }

        if (!matches)
        {
            throw new ModelLoadException(path, $"{kind} '{name}' has shape [{FormatShape(actual)}], expected [{FormatShape(expected)}] (-1 = batch; classes and grid from the metadata).");
        }
    }

    private static string VisualRequired(string path, Dictionary<string, string> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
        {
            throw new ModelLoadException(path, $"metadata '{key}' is missing; was the model exported by models/training/train_visual.py?");
        }

        return value.Trim();
    }

    private static double VisualNumber(string path, Dictionary<string, string> metadata, string key)
    {
        var text = VisualRequired(path, metadata, key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ModelLoadException(path, $"metadata '{key}' is '{text}', not a number.");
        }

        return value;
    }
}
