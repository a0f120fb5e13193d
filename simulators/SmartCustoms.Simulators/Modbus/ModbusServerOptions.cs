using System.Net;

namespace SmartCustoms.Simulators.Modbus;

/// <summary>Settings of one simulated Modbus TCP device server.</summary>
public sealed record ModbusServerOptions
{
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (see <see cref="ModbusTcpServer.Endpoint"/>).</summary>
    public int Port { get; init; } = 502;

    /// <summary>The unit id the device answers as (255 is accepted too: "unit not used" on TCP).</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>Delay added to every answer while the <c>slow</c> fault is on (longer than mbpoll's default 1 s timeout).</summary>
    public TimeSpan SlowReplyDelay { get; init; } = TimeSpan.FromMilliseconds(1500);
}
