using System.Net;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Nir;

/// <summary>Log messages of the NIR simulator (event ids 3100–3199).</summary>
internal static partial class NirLog
{
    [LoggerMessage(3100, LogLevel.Information, "NIR simulator listening on {Endpoint} ({Identity})")]
    public static partial void Listening(ILogger logger, EndPoint endpoint, string identity);

    [LoggerMessage(3101, LogLevel.Information, "NIR client {Remote} connected ({Count} open)")]
    public static partial void ClientConnected(ILogger logger, EndPoint? remote, int count);

    [LoggerMessage(3102, LogLevel.Information, "NIR client {Remote} disconnected ({Count} open)")]
    public static partial void ClientDisconnected(ILogger logger, EndPoint? remote, int count);

    [LoggerMessage(3103, LogLevel.Warning, "NIR fault {Kind}: closing {Count} connections and refusing new ones")]
    public static partial void DisconnectFault(ILogger logger, DeviceFaultKind kind, int count);

    [LoggerMessage(3104, LogLevel.Information, "NIR simulator accepting connections again on {Endpoint}")]
    public static partial void Reopened(ILogger logger, EndPoint endpoint);

    [LoggerMessage(3105, LogLevel.Debug, "NIR command error {Code} for '{Line}'")]
    public static partial void CommandError(ILogger logger, int code, string line);

    [LoggerMessage(3106, LogLevel.Warning, "NIR client {Remote} failed")]
    public static partial void ClientFailed(ILogger logger, EndPoint? remote, Exception exception);

    [LoggerMessage(3107, LogLevel.Error, "NIR simulator could not reopen {Endpoint}; retrying")]
    public static partial void ReopenFailed(ILogger logger, EndPoint endpoint, Exception exception);
}
