using System.Net;
using Microsoft.Extensions.Logging;

namespace SmartCustoms.Simulators.Modbus;

/// <summary>Log messages of the Modbus device simulators (event ids 3200–3299).</summary>
internal static partial class ModbusLog
{
    [LoggerMessage(3200, LogLevel.Information, "{Device} simulator (Modbus TCP, unit {Unit}) listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, string device, byte unit, EndPoint endpoint);

    [LoggerMessage(3201, LogLevel.Information, "{Device}: client {Remote} connected ({Count} open)")]
    public static partial void ClientConnected(ILogger logger, string device, EndPoint? remote, int count);

    [LoggerMessage(3202, LogLevel.Information, "{Device}: client {Remote} disconnected ({Count} open)")]
    public static partial void ClientDisconnected(ILogger logger, string device, EndPoint? remote, int count);

    [LoggerMessage(3203, LogLevel.Warning, "{Device}: disconnect fault, closing {Count} connections and refusing new ones")]
    public static partial void DisconnectFault(ILogger logger, string device, int count);

    [LoggerMessage(3204, LogLevel.Information, "{Device}: listening again on {Endpoint}")]
    public static partial void Reopened(ILogger logger, string device, EndPoint endpoint);

    [LoggerMessage(3205, LogLevel.Error, "{Device}: cannot listen again on {Endpoint}")]
    public static partial void ReopenFailed(ILogger logger, string device, EndPoint endpoint, Exception exception);

    [LoggerMessage(3206, LogLevel.Warning, "{Device}: bad frame from {Remote}: {Problem}; closing the connection")]
    public static partial void BadFrame(ILogger logger, string device, EndPoint? remote, string problem);

    [LoggerMessage(3207, LogLevel.Information, "{Device}: client {Remote} failed")]
    public static partial void ClientFailed(ILogger logger, string device, EndPoint? remote, Exception exception);
}
