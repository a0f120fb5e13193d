using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Modbus.Devices;
using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.Sampler;

/// <summary>
/// The sampler PLC on Modbus TCP. Status: FC04 input registers 0–9 and FC02 discrete inputs 0–3.
/// Command handshake: read the status (refuse when the PLC cannot carry the command out) and the last
/// written sequence (holding register 1); for a cut, write the increment id (holding 2–3, FC16) first;
/// then write command and new sequence together (holding 0–1, one FC16) so the PLC, which acts on a
/// sequence change, always sees the matching command and id; then read input register 1 until it
/// equals the sequence (Accepted) or <c>AckTimeout</c> passes (Timeout).
/// Thread-safe: commands are serialised in call order; status reads may run between command steps.
/// </summary>
public sealed partial class ModbusSamplerController : ISampler
{
    private readonly ModbusDeviceLink _link;
    private readonly TimeSpan _ackTimeout;
    private readonly TimeSpan _ackPollInterval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _commandGate = new(1, 1);
    private SamplerStatus? _last;

    public ModbusSamplerController(ModbusSamplerOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : this(new ModbusTcpClient(Checked(options).ToClientOptions(), time, loggerFactory?.CreateLogger<ModbusTcpClient>()), true, options, time, loggerFactory)
    {
    }

    /// <summary>Uses a given client (the transport seam); disposes it only when <paramref name="ownsClient"/>.</summary>
    public ModbusSamplerController(ModbusTcpClient client, bool ownsClient, ModbusSamplerOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ModbusSamplerController>();
        _link = new ModbusDeviceLink(client, ownsClient, options, time, _logger);
        _ackTimeout = options.AckTimeout;
        _ackPollInterval = options.AckPollInterval;
        _link.Health.Changed += (_, health) => HealthChanged?.Invoke(this, health);
    }

    public event EventHandler<DeviceHealth>? HealthChanged;

    public event EventHandler<SamplerStatus>? StatusReceived;

    public string DeviceName => _link.DeviceName;

    public DeviceHealth Health => _link.Health.Current;

    public SamplerStatus? LastStatus => Volatile.Read(ref _last);

    /// <summary>The Modbus client, for its counters (stale responses, protocol errors, timeouts).</summary>
    public ModbusTcpClient Client => _link.Client;

    public async Task<SamplerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        // Decoding runs inside the link so a value outside the map counts as a failed read.
        var status = await _link.RunAsync(
            async (client, ct) =>
            {
                var registers = await client.ReadInputRegistersAsync(SamplerRegisters.FirstInput, SamplerRegisters.InputCount, ct);
                var bits = await client.ReadDiscreteInputsAsync(SamplerRegisters.FirstDiscrete, SamplerRegisters.DiscreteCount, ct);
                return SamplerRegisters.Decode(registers, bits, _link.Time.GetUtcNow(), _link.Time.GetTimestamp());
            },
            cancellationToken);
        var problem = status.State == SamplerState.Fault ? $"sampler in fault, fault code {status.FaultCode}" : null;
        _link.ConfirmAlive(status.Heartbeat, problem, () => Volatile.Write(ref _last, status));
        StatusReceived?.Invoke(this, status);
        return status;
    }

    public Task<SamplerCommandResult> TakeIncrementAsync(uint incrementId, CancellationToken cancellationToken) =>
        ExecuteAsync(SamplerCommand.TakeIncrement, incrementId, cancellationToken);

    public Task<SamplerCommandResult> ResetFaultAsync(CancellationToken cancellationToken) =>
        ExecuteAsync(SamplerCommand.ResetFault, null, cancellationToken);

    public Task<SamplerCommandResult> HomeAsync(CancellationToken cancellationToken) =>
        ExecuteAsync(SamplerCommand.Home, null, cancellationToken);

    public Task<SamplerCommandResult> StopAsync(CancellationToken cancellationToken) =>
        ExecuteAsync(SamplerCommand.Stop, null, cancellationToken);

    /// <summary>Polls the status until cancelled; failures show in <see cref="Health"/>, the next poll reconnects.</summary>
    public Task RunPollingAsync(CancellationToken cancellationToken) =>
        _link.PollAsync(ct => ReadStatusAsync(ct), cancellationToken);

    /// <summary>Closes the link. Idempotent (DI disposes the class and interface registrations alike).</summary>
    public ValueTask DisposeAsync() => _link.DisposeAsync();

    private async Task<SamplerCommandResult> ExecuteAsync(SamplerCommand command, uint? incrementId, CancellationToken cancellationToken)
    {
        await _commandGate.WaitAsync(cancellationToken);
        try
        {
            var status = await ReadStatusAsync(cancellationToken);
            var refusal = SamplerCommandPolicy.RefusalReason(command, status);
            if (refusal is not null)
            {
                LogRefused(_logger, command, refusal);
                return SamplerCommandResult.Refused(command, refusal);
            }

            var written = await _link.RunAsync(
                (client, ct) => client.ReadHoldingRegistersAsync(SamplerRegisters.Sequence, 1, ct),
                cancellationToken);
            var sequence = SamplerRegisters.NextSequence(written[0], status.LastAcceptedCommandSequence);
            var started = _link.Time.GetTimestamp();
            await _link.RunAsync(
                async (client, ct) =>
                {
                    if (incrementId is uint id)
                    {
                        await client.WriteMultipleRegistersAsync(SamplerRegisters.IncrementId, [(ushort)(id >> 16), (ushort)id], ct);
                    }

                    await client.WriteMultipleRegistersAsync(SamplerRegisters.Command, [(ushort)command, sequence], ct);
                    return true;
                },
                cancellationToken);

            return await AwaitAcknowledgeAsync(command, sequence, started, cancellationToken);
        }
        finally
        {
            _commandGate.Release();
        }
    }

    private async Task<SamplerCommandResult> AwaitAcknowledgeAsync(SamplerCommand command, ushort sequence, long started, CancellationToken cancellationToken)
    {
        while (true)
        {
            var accepted = await _link.RunAsync(
                (client, ct) => client.ReadInputRegistersAsync(SamplerRegisters.Sequence, 1, ct),
                cancellationToken);
            var elapsed = _link.Time.GetElapsedTime(started);
            if (accepted[0] == sequence)
            {
                LogAccepted(_logger, command, sequence, elapsed.TotalMilliseconds);
                return SamplerCommandResult.Accepted(command, sequence, elapsed);
            }

            if (elapsed >= _ackTimeout)
            {
                var reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"sampler did not acknowledge command sequence {sequence} within {_ackTimeout.TotalSeconds:0.0} s (last acknowledged {accepted[0]})");
                LogTimedOut(_logger, command, reason);
                return SamplerCommandResult.TimedOut(command, sequence, reason, elapsed);
            }

            var remaining = _ackTimeout - elapsed;
            await Task.Delay(remaining < _ackPollInterval ? remaining : _ackPollInterval, _link.Time, cancellationToken);
        }
    }

    private static ModbusSamplerOptions Checked(ModbusSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "sampler: {Command} accepted (sequence {Sequence}) after {ElapsedMs:0.0} ms")]
    private static partial void LogAccepted(ILogger logger, SamplerCommand command, ushort sequence, double elapsedMs);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "sampler: {Command} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, SamplerCommand command, string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "sampler: {Command} timed out: {Reason}")]
    private static partial void LogTimedOut(ILogger logger, SamplerCommand command, string reason);
}
