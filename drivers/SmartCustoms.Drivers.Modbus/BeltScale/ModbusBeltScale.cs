using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Modbus.Devices;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.BeltScale;

/// <summary>
/// A belt scale on Modbus TCP: one FC04 read of input registers 0–6 per reading.
/// Thread-safe (reads are serialised on the client). <see cref="ModbusInputRegisterDevice{TReading}.RunPollingAsync"/>
/// polls every <c>PollInterval</c>, keeps <c>LastReading</c> and the health up to date.
/// </summary>
public sealed class ModbusBeltScale : ModbusInputRegisterDevice<BeltScaleReading>, IBeltScale
{
    public ModbusBeltScale(ModbusBeltScaleOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : this(new ModbusTcpClient(Checked(options).ToClientOptions(), time, loggerFactory?.CreateLogger<ModbusTcpClient>()), true, options, time, loggerFactory)
    {
    }

    /// <summary>Uses a given client (the transport seam); disposes it only when <paramref name="ownsClient"/>.</summary>
    public ModbusBeltScale(ModbusTcpClient client, bool ownsClient, ModbusBeltScaleOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : base(client, ownsClient, options, time, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModbusBeltScale>())
    {
    }

    private protected override ushort FirstRegister => BeltScaleRegisters.First;

    private protected override int RegisterCount => BeltScaleRegisters.Count;

    private protected override BeltScaleReading Decode(ReadOnlySpan<ushort> registers, DateTimeOffset hostTime, long hostTimestamp) =>
        BeltScaleRegisters.Decode(registers, hostTime, hostTimestamp);

    private protected override ushort HeartbeatOf(BeltScaleReading reading) => reading.Heartbeat;

    private protected override string? ProblemOf(BeltScaleReading reading) =>
        reading.Fault ? "belt scale reports a fault (status bit 1)" : null;

    private static ModbusBeltScaleOptions Checked(ModbusBeltScaleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
