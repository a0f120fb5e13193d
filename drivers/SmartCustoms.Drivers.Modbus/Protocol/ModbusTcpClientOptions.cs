namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>Where and how a <see cref="ModbusTcpClient"/> talks to one device.</summary>
/// <param name="DeviceName">Names the device in messages and logs (e.g. <c>sampler</c>).</param>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">TCP port (Modbus default 502).</param>
/// <param name="UnitId">Unit identifier sent in every MBAP header and expected back.</param>
/// <param name="ConnectTimeout">Longest wait for the TCP connection (monotonic).</param>
/// <param name="RequestTimeout">Longest wait from sending a request to its complete response (monotonic).</param>
public sealed record ModbusTcpClientOptions(
    string DeviceName,
    string Host,
    int Port,
    byte UnitId,
    TimeSpan ConnectTimeout,
    TimeSpan RequestTimeout);
