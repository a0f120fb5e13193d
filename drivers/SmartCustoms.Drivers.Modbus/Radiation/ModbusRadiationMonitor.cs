using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Modbus.Devices;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.Radiation;

/// <summary>
/// A radiation monitor on Modbus TCP: one FC04 read of input registers 0–5 per reading.
/// Thread-safe (reads are serialised on the client). <see cref="ModbusInputRegisterDevice{TReading}.RunPollingAsync"/>
/// polls every <c>PollInterval</c>, keeps <c>LastReading</c> and the health up to date.
/// </summary>
public sealed class ModbusRadiationMonitor : ModbusInputRegisterDevice<RadiationReading>, IRadiationMonitor
{
    public ModbusRadiationMonitor(ModbusRadiationMonitorOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : this(new ModbusTcpClient(Checked(options).ToClientOptions(), time, loggerFactory?.CreateLogger<ModbusTcpClient>()), true, options, time, loggerFactory)
    {
    }

    /// <summary>Uses a given client (the transport seam); disposes it only when <paramref name="ownsClient"/>.</summary>
    public ModbusRadiationMonitor(ModbusTcpClient client, bool ownsClient, ModbusRadiationMonitorOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : base(client, ownsClient, options, time, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModbusRadiationMonitor>())
    {
    }

    private protected override ushort FirstRegister => RadiationRegisters.First;

    private protected override int RegisterCount => RadiationRegisters.Count;

    private protected override RadiationReading Decode(ReadOnlySpan<ushort> registers, DateTimeOffset hostTime, long hostTimestamp) =>
        RadiationRegisters.Decode(registers, hostTime, hostTimestamp);

    private protected override ushort HeartbeatOf(RadiationReading reading) => reading.Heartbeat;

    private protected override string? ProblemOf(RadiationReading reading) =>
        reading.DetectorOk ? null : $"detector status {reading.DetectorStatus} (not OK)";

    private static ModbusRadiationMonitorOptions Checked(ModbusRadiationMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
