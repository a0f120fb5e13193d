using System.Net;
using Microsoft.Extensions.Logging;

namespace SmartCustoms.Simulators.Tcp;

internal static partial class TcpListenerLog
{
    [LoggerMessage(3001, LogLevel.Information, "{Device}: client {Remote} connected ({Count} open)")]
    public static partial void ClientConnected(ILogger logger, string device, EndPoint? remote, int count);

    [LoggerMessage(3002, LogLevel.Information, "{Device}: client {Remote} disconnected ({Count} open)")]
    public static partial void ClientDisconnected(ILogger logger, string device, EndPoint? remote, int count);

    [LoggerMessage(3003, LogLevel.Warning, "{Device}: disconnect fault, closing {Count} connections and refusing new ones")]
    public static partial void DisconnectFault(ILogger logger, string device, int count);

    [LoggerMessage(3004, LogLevel.Information, "{Device}: listening again on {Endpoint}")]
    public static partial void Reopened(ILogger logger, string device, EndPoint endpoint);

    [LoggerMessage(3005, LogLevel.Error, "{Device}: cannot listen again on {Endpoint}; retrying")]
    public static partial void ReopenFailed(ILogger logger, string device, EndPoint endpoint, Exception exception);

    [LoggerMessage(3006, LogLevel.Debug, "{Device}: connection from {Remote} failed")]
    public static partial void ClientFailed(ILogger logger, string device, EndPoint? remote, Exception exception);
}
