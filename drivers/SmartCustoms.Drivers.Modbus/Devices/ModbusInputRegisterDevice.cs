using Microsoft.Extensions.Logging;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.Devices;

/// <summary>
/// A read-only Modbus device whose whole state is one FC04 read of consecutive input registers (belt scale,
/// radiation monitor): read, decode, check the heartbeat, keep the latest reading, raise it, poll. Subclasses
/// give the register block, the decoder and what counts as the device's own problem. Thread-safe (reads are
/// serialised on the client). <see cref="RunPollingAsync"/> polls every <c>PollInterval</c> and keeps
/// <see cref="LastReading"/> and the health up to date.
/// </summary>
public abstract class ModbusInputRegisterDevice<TReading> : IDeviceHealthSource, IAsyncDisposable
    where TReading : class
{
    private readonly ModbusDeviceLink _link;
    private TReading? _last;

    private protected ModbusInputRegisterDevice(ModbusTcpClient client, bool ownsClient, ModbusDeviceOptions options, TimeProvider time, ILogger logger)
    {
        _link = new ModbusDeviceLink(client, ownsClient, options, time, logger);
        _link.Health.Changed += (_, health) => HealthChanged?.Invoke(this, health);
    }

    public event EventHandler<DeviceHealth>? HealthChanged;

    /// <summary>Raised after every successful read; handlers must not block.</summary>
    public event EventHandler<TReading>? ReadingReceived;

    public string DeviceName => _link.DeviceName;

    public DeviceHealth Health => _link.Health.Current;

    /// <summary>The latest reading, or null before the first successful read.</summary>
    public TReading? LastReading => Volatile.Read(ref _last);

    /// <summary>The Modbus client, for its counters (stale responses, protocol errors, timeouts).</summary>
    public ModbusTcpClient Client => _link.Client;

    /// <summary>First input register of the block.</summary>
    private protected abstract ushort FirstRegister { get; }

    /// <summary>Number of input registers in the block.</summary>
    private protected abstract int RegisterCount { get; }

    public async Task<TReading> ReadAsync(CancellationToken cancellationToken)
    {
        // Decoding runs inside the link so a value outside the map counts as a failed read.
        var reading = await _link.RunAsync(
            async (client, ct) => Decode(
                await client.ReadInputRegistersAsync(FirstRegister, RegisterCount, ct),
                _link.Time.GetUtcNow(),
                _link.Time.GetTimestamp()),
            cancellationToken);
        _link.ConfirmAlive(HeartbeatOf(reading), ProblemOf(reading), () => Volatile.Write(ref _last, reading));
        ReadingReceived?.Invoke(this, reading);
        return reading;
    }

    /// <summary>Polls until cancelled; failures show in <see cref="Health"/>, the next poll reconnects.</summary>
    public Task RunPollingAsync(CancellationToken cancellationToken) =>
        _link.PollAsync(ct => ReadAsync(ct), cancellationToken);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _link.DisposeAsync();
    }

    /// <exception cref="Abstractions.ProtocolException">A register holds a value outside the device's map.</exception>
    private protected abstract TReading Decode(ReadOnlySpan<ushort> registers, DateTimeOffset hostTime, long hostTimestamp);

    private protected abstract ushort HeartbeatOf(TReading reading);

    /// <summary>The problem the device reports about itself (health degraded), or null when it reports none.</summary>
    private protected abstract string? ProblemOf(TReading reading);
}
