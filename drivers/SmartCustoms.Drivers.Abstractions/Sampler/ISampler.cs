using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Abstractions.Sampler;

/// <summary>
/// The automatic sampler's PLC: a cross-stream cutter that takes increments on command.
/// Thread-safe: commands are serialised internally (one command handshake at a time, in call order);
/// status reads may run concurrently with commands. Health members are thread-safe.
/// Methods connect on demand and reconnect on the next call after a failure. A link failure throws
/// <see cref="DeviceException"/>; a command the sampler cannot carry out is not an exception but a
/// <see cref="SamplerCommandOutcome.Refused"/> result, and a command the PLC never acknowledges is a
/// <see cref="SamplerCommandOutcome.Timeout"/> result.
/// </summary>
public interface ISampler : IDeviceHealthSource, IAsyncDisposable
{
    /// <summary>The latest status from the driver's own polling, or null before the first successful poll.</summary>
    SamplerStatus? LastStatus { get; }

    /// <summary>Raised after every successful status poll; handlers must not block.</summary>
    event EventHandler<SamplerStatus>? StatusReceived;

    /// <summary>Reads the status now.</summary>
    Task<SamplerStatus> ReadStatusAsync(CancellationToken cancellationToken);

    /// <summary>Asks for one cut; the PLC stores <paramref name="incrementId"/> with the increment.</summary>
    Task<SamplerCommandResult> TakeIncrementAsync(uint incrementId, CancellationToken cancellationToken);

    /// <summary>Clears a fault on the PLC (only sent when the sampler is not in local mode).</summary>
    Task<SamplerCommandResult> ResetFaultAsync(CancellationToken cancellationToken);

    /// <summary>Returns the cutter to its home position.</summary>
    Task<SamplerCommandResult> HomeAsync(CancellationToken cancellationToken);

    /// <summary>Stops the cutter. Never refused by the gateway: a stop is always sent.</summary>
    Task<SamplerCommandResult> StopAsync(CancellationToken cancellationToken);
}
