using System.Net;
using Microsoft.Extensions.Logging;

namespace SmartCustoms.Simulators.Camera;

/// <summary>Log messages of the camera simulator (event ids 3300–3399).</summary>
internal static partial class CameraLog
{
    [LoggerMessage(3300, LogLevel.Information, "Camera simulator (MJPEG over HTTP) listening on {Endpoint}: /stream.mjpg, /snapshot.jpg")]
    public static partial void Listening(ILogger logger, EndPoint endpoint);

    [LoggerMessage(3301, LogLevel.Information, "Camera stream client {Remote} connected ({Count} streaming)")]
    public static partial void StreamStarted(ILogger logger, string? remote, int count);

    [LoggerMessage(3302, LogLevel.Information, "Camera stream client {Remote} left ({Count} streaming)")]
    public static partial void StreamEnded(ILogger logger, string? remote, int count);

    [LoggerMessage(3303, LogLevel.Error, "Camera frame source failed; the stream pauses")]
    public static partial void RenderFailed(ILogger logger, Exception exception);
}
