using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.Devices;

/// <summary>Settings every Modbus TCP device shares; each device has its own section and class.</summary>
public abstract class ModbusDeviceOptions
{
    protected ModbusDeviceOptions(int defaultPort)
    {
        Port = defaultPort;
    }

    /// <summary>The configuration section these options bind to, e.g. <c>Devices:Sampler</c>.</summary>
    public abstract string SectionPath { get; }

    /// <summary>The device's name in health reports, logs and MQTT topics.</summary>
    public abstract string DeviceName { get; }

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; }

    /// <summary>Modbus unit id, 0–255.</summary>
    public int UnitId { get; set; } = 1;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the driver polls the device on its own (health, heartbeat, latest reading).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consecutive failed polls before the device is reported down (refused/closed connections: at once).</summary>
    public int FailuresBeforeDown { get; set; } = 3;

    /// <summary>
    /// No good answer to the polls for this long marks the device down, whatever the cause (stall, answers
    /// later than <see cref="RequestTimeout"/>, garbage, exception replies) — sooner than
    /// <see cref="FailuresBeforeDown"/> timeouts would.
    /// </summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>A heartbeat that does not change for this long means the device is dead even if the socket lives.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public ModbusTcpClientOptions ToClientOptions() =>
        new(DeviceName, Host, Port, (byte)UnitId, ConnectTimeout, RequestTimeout);
}
