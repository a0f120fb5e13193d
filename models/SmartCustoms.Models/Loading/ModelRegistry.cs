using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Loading;

/// <summary>
/// Loads model files: hashes the exact bytes, opens one ONNX Runtime session, and checks inputs, outputs
/// and metadata against what the code expects. A mismatched model is refused with a message naming the
/// file and the mismatch, never run.
/// </summary>
/// <remarks>Stateless: safe to call from several threads (each call loads its own session).</remarks>
public static partial class ModelRegistry
{
    private const string SpectralExporter = "models/training/train_spectral.py";
    private const string SpectralShapeNote = "-1 = batch";

    /// <summary>Loads the spectral classifier at <paramref name="filePath"/>.</summary>
    /// <exception cref="ModelLoadException">The file is missing, unreadable, or not the model the code expects.</exception>
    public static SpectralClassifier LoadSpectralClassifier(string filePath, SpectralClassifierSettings? settings = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        settings ??= new SpectralClassifierSettings();
        logger ??= NullLogger.Instance;
        return OpenChecked(filePath, settings.IntraOpThreads, (fullPath, session, options, sha256) =>
        {
            var metadata = session.ModelMetadata.CustomMetadataMap;
            var description = ReadDescription(fullPath, metadata, settings);
            CheckSignature(fullPath, session, description);
            var identity = new ModelIdentity(
                Required(fullPath, metadata, SpectralModelContract.MetaModelId),
                Required(fullPath, metadata, SpectralModelContract.MetaVersion),
                sha256,
                fullPath);
            var classifier = new SpectralClassifier(session, options, identity, description, settings);
            var classList = string.Join(',', description.ClassNames);
            ModelsLog.SpectralModelLoaded(logger, fullPath, identity.Id, identity.Version, sha256, classList);
            return classifier;
        });
    }

    /// <summary>
    /// Reads the file, hashes its exact bytes and opens one session on those bytes (so the recorded hash is the
    /// model that runs), then lets <paramref name="build"/> check the contract and wrap the session. Whatever
    /// fails, the session and its options are disposed and the error names the file.
    /// </summary>
    private static T OpenChecked<T>(string filePath, int intraOpThreads, Func<string, InferenceSession, SessionOptions, string, T> build)
    {
        var fullPath = Path.GetFullPath(filePath);
        if (!File.Exists(fullPath))
        {
            throw new ModelLoadException(fullPath, "file not found.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(fullPath, $"cannot be read: {ex.Message}");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var options = CreateSessionOptions(intraOpThreads);
        InferenceSession? session = null;
        try
        {
            try
            {
                session = new InferenceSession(bytes, options);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new ModelLoadException(fullPath, $"is not a loadable ONNX model: {ex.Message}");
            }

            return build(fullPath, session, options, sha256);
        }
        catch
        {
            session?.Dispose();
            options.Dispose();
            throw;
        }
    }

    private static SessionOptions CreateSessionOptions(int intraOpThreads)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        // Spinning threads would burn a core of the 2-core box between spectra.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static SpectralModelDescription ReadDescription(string path, Dictionary<string, string> metadata, SpectralClassifierSettings settings)
    {
        var classNames = Required(path, metadata, SpectralModelContract.MetaClassNames)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (classNames.Length < 2)
        {
            throw new ModelLoadException(path, $"metadata '{SpectralModelContract.MetaClassNames}' must list at least 2 classes.");
        }

        var contaminants = Required(path, metadata, SpectralModelContract.MetaContaminantClasses)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in contaminants)
        {
            if (!classNames.Contains(name, StringComparer.Ordinal))
            {
                throw new ModelLoadException(path, $"metadata '{SpectralModelContract.MetaContaminantClasses}' names '{name}', which is not one of the classes ({string.Join(',', classNames)}).");
            }
        }

        var grid = new ModelGrid(
            RequiredNumber(path, metadata, SpectralModelContract.MetaGridStart),
            RequiredNumber(path, metadata, SpectralModelContract.MetaGridStep),
            (int)RequiredNumber(path, metadata, SpectralModelContract.MetaGridCount));
        if (grid.StepNm <= 0 || grid.Count < 2)
        {
            throw new ModelLoadException(path, $"metadata grid is not usable: {grid}.");
        }

        var contaminantThreshold = (float)RequiredNumber(path, metadata, SpectralModelContract.MetaContaminantThreshold);
        var oodThreshold = (float)RequiredNumber(path, metadata, SpectralModelContract.MetaOodThreshold);
        return new SpectralModelDescription(
            classNames,
            classNames.Select(c => contaminants.Contains(c, StringComparer.Ordinal)).ToArray(),
            grid,
            settings.ContaminantThreshold ?? contaminantThreshold,
            settings.OodThreshold ?? oodThreshold);
    }

    private static void CheckSignature(string path, InferenceSession session, SpectralModelDescription description)
    {
        if (session.InputNames.Count != 1 || session.InputNames[0] != SpectralModelContract.InputName)
        {
            throw new ModelLoadException(path, $"expected one input '{SpectralModelContract.InputName}', the model has [{string.Join(", ", session.InputNames)}].");
        }

        CheckTensor(path, "input", SpectralModelContract.InputName, session.InputMetadata[SpectralModelContract.InputName], TensorElementType.Float, [-1, description.Grid.Count], SpectralShapeNote);
        foreach (var (name, shape) in new (string, int[])[]
                 {
                     (SpectralModelContract.ProbabilitiesOutput, [-1, description.ClassNames.Count]),
                     (SpectralModelContract.ContaminantScoreOutput, [-1]),
                     (SpectralModelContract.OodScoreOutput, [-1]),
                 })
        {
            if (!session.OutputMetadata.TryGetValue(name, out var output))
            {
                throw new ModelLoadException(path, $"expected an output '{name}', the model has [{string.Join(", ", session.OutputNames)}].");
            }

            CheckTensor(path, "output", name, output, TensorElementType.Float, shape, SpectralShapeNote);
        }
    }

    /// <summary>Refuses an input or output that is not a tensor of <paramref name="type"/> with <paramref name="expectedShape"/> (-1 = dynamic batch axis).</summary>
    private static void CheckTensor(string path, string kind, string name, NodeMetadata node, TensorElementType type, int[] expectedShape, string shapeNote)
    {
        if (!node.IsTensor || node.ElementDataType != type)
        {
            var typeName = type == TensorElementType.Float ? "float32" : type.ToString();
            throw new ModelLoadException(path, $"{kind} '{name}' must be a {typeName} tensor, the model has {node.OnnxValueType}/{node.ElementDataType}.");
        }

        var actual = node.Dimensions;
        var matches = actual.Length == expectedShape.Length;
        for (var i = 0; matches && i < actual.Length; i++)
        {
            // -1 expected = the dynamic batch axis; the model must leave it dynamic too.
            matches = expectedShape[i] == -1 ? actual[i] <= 0 : actual[i] == expectedShape[i];
        }

        if (!matches)
        {
            throw new ModelLoadException(path, $"{kind} '{name}' has shape [{FormatShape(actual)}], expected [{FormatShape(expectedShape)}] ({shapeNote}).");
        }
    }

    private static string FormatShape(int[] shape) => string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));

    private static string Required(string path, Dictionary<string, string> metadata, string key, string exporter = SpectralExporter)
    {
        if (!metadata.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
        {
            throw new ModelLoadException(path, $"metadata '{key}' is missing; was the model exported by {exporter}?");
        }

        return value.Trim();
    }

    private static double RequiredNumber(string path, Dictionary<string, string> metadata, string key, string exporter = SpectralExporter)
    {
        var text = Required(path, metadata, key, exporter);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ModelLoadException(path, $"metadata '{key}' is '{text}', not a number.");
        }

        return value;
    }
}
