using Microsoft.Extensions.Logging;

namespace SmartCustoms.Models;

/// <summary>Log messages of the models component (event ids 4100-4199).</summary>
internal static partial class ModelsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Spectral model loaded from {Path}: {ModelId} {Version}, sha256 {Sha256}, classes {Classes}")]
    public static partial void SpectralModelLoaded(ILogger logger, string path, string modelId, string version, string sha256, string classes);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Visual detector loaded from {Path}: {ModelId} {Version}, sha256 {Sha256}, classes {Classes}, score threshold {Threshold}")]
    public static partial void VisualModelLoaded(ILogger logger, string path, string modelId, string version, string sha256, string classes, float threshold);
}
