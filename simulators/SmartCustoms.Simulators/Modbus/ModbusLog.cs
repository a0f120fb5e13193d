using System.Net;
using Microsoft.Extensions.Logging;

namespace SmartCustoms.Simulators.Modbus;

/// <summary>Log messages of the Modbus device simulators (event ids 3200–3299).</summary>
internal static partial class ModbusLog
{
    [LoggerMessage(3200, LogLevel.Information, "{Device} simulator (Modbus TCP, unit {Unit}) listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, string device, byte unit, EndPoint endpoint);

    [LoggerMessage(3206, LogLevel.Warning, "{Device}: bad frame from {Remote}: {Problem}; closing the connection")]
    public static partial void BadFrame(ILogger logger, string device, EndPoint? remote, string problem);
}
