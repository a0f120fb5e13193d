using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Modbus.Devices;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.Radiation;

/// <summary>
/// A radiation monitor on Modbus TCP: one FC04 read of input registers 0–5 per reading.
/// Thread-safe (reads are serialised on the client). <see cref="RunPollingAsync"/> polls every
/// <c>PollInterval</c>, keeps <see cref="LastReading"/> and the health up to date.
/// </summary>
public sealed class ModbusRadiationMonitor : IRadiationMonitor
{
    private readonly ModbusDeviceLink _link;
    private RadiationReading? _last;

    public ModbusRadiationMonitor(ModbusRadiationMonitorOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : this(new ModbusTcpClient(Checked(options).ToClientOptions(), time, loggerFactory?.CreateLogger<ModbusTcpClient>()), true, options, time, loggerFactory)
    {
    }

    /// <summary>Uses a given client (the transport seam); disposes it only when <paramref name="ownsClient"/>.</summary>
    public ModbusRadiationMonitor(ModbusTcpClient client, bool ownsClient, ModbusRadiationMonitorOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModbusRadiationMonitor>();
        _link = new ModbusDeviceLink(client, ownsClient, options, time, logger);
        _link.Health.Changed += (_, health) => HealthChanged?.Invoke(this, health);
    }

    public event EventHandler<DeviceHealth>? HealthChanged;

    public event EventHandler<RadiationReading>? ReadingReceived;

    public string DeviceName => _link.DeviceName;

    public DeviceHealth Health => _link.Health.Current;

    public RadiationReading? LastReading => Volatile.Read(ref _last);

    /// <summary>The Modbus client, for its counters (stale responses, protocol errors, timeouts).</summary>
    public ModbusTcpClient Client => _link.Client;

    public async Task<RadiationReading> ReadAsync(CancellationToken cancellationToken)
    {
        // Decoding runs inside the link so a value outside the map counts as a failed read.
        var reading = await _link.RunAsync(
            async (client, ct) => RadiationRegisters.Decode(
                await client.ReadInputRegistersAsync(RadiationRegisters.First, RadiationRegisters.Count, ct),
                _link.Time.GetUtcNow(),
                _link.Time.GetTimestamp()),
            cancellationToken);
        var problem = reading.DetectorOk ? null : $"detector status {reading.DetectorStatus} (not OK)";
        _link.ConfirmAlive(reading.Heartbeat, problem, () => Volatile.Write(ref _last, reading));
        ReadingReceived?.Invoke(this, reading);
        return reading;
    }

    /// <summary>Polls until cancelled; failures show in <see cref="Health"/>, the next poll reconnects.</summary>
    public Task RunPollingAsync(CancellationToken cancellationToken) =>
        _link.PollAsync(ct => ReadAsync(ct), cancellationToken);

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    private static ModbusRadiationMonitorOptions Checked(ModbusRadiationMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
