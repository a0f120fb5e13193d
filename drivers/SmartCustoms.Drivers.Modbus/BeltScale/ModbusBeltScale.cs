using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Modbus.Devices;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.BeltScale;

/// <summary>
/// A belt scale on Modbus TCP: one FC04 read of input registers 0–6 per reading.
/// Thread-safe (reads are serialised on the client). <see cref="RunPollingAsync"/> polls every
/// <c>PollInterval</c>, keeps <see cref="LastReading"/> and the health up to date.
/// </summary>
public sealed class ModbusBeltScale : IBeltScale
{
    private readonly ModbusDeviceLink _link;
    private BeltScaleReading? _last;

    public ModbusBeltScale(ModbusBeltScaleOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : this(new ModbusTcpClient(Checked(options).ToClientOptions(), time, loggerFactory?.CreateLogger<ModbusTcpClient>()), true, options, time, loggerFactory)
    {
    }

    /// <summary>Uses a given client (the transport seam); disposes it only when <paramref name="ownsClient"/>.</summary>
    public ModbusBeltScale(ModbusTcpClient client, bool ownsClient, ModbusBeltScaleOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModbusBeltScale>();
        _link = new ModbusDeviceLink(client, ownsClient, options, time, logger);
        _link.Health.Changed += (_, health) => HealthChanged?.Invoke(this, health);
    }

    public event EventHandler<DeviceHealth>? HealthChanged;

    public event EventHandler<BeltScaleReading>? ReadingReceived;

    public string DeviceName => _link.DeviceName;

    public DeviceHealth Health => _link.Health.Current;

    public BeltScaleReading? LastReading => Volatile.Read(ref _last);

    /// <summary>The Modbus client, for its counters (stale responses, protocol errors, timeouts).</summary>
    public ModbusTcpClient Client => _link.Client;

    public async Task<BeltScaleReading> ReadAsync(CancellationToken cancellationToken)
    {
        // Decoding runs inside the link so a value outside the map counts as a failed read.
        var reading = await _link.RunAsync(
            async (client, ct) => BeltScaleRegisters.Decode(
                await client.ReadInputRegistersAsync(BeltScaleRegisters.First, BeltScaleRegisters.Count, ct),
                _link.Time.GetUtcNow(),
                _link.Time.GetTimestamp()),
            cancellationToken);
        var problem = reading.Fault ? "belt scale reports a fault (status bit 1)" : null;
        _link.ConfirmAlive(reading.Heartbeat, problem, () => Volatile.Write(ref _last, reading));
        ReadingReceived?.Invoke(this, reading);
        return reading;
    }

    /// <summary>Polls until cancelled; failures show in <see cref="Health"/>, the next poll reconnects.</summary>
    public Task RunPollingAsync(CancellationToken cancellationToken) =>
        _link.PollAsync(ct => ReadAsync(ct), cancellationToken);

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    private static ModbusBeltScaleOptions Checked(ModbusBeltScaleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
