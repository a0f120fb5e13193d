using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Abstractions.Radiation;

/// <summary>
/// A pass-through gamma radiation monitor. Thread-safe: reads may come from several callers
/// (they are serialised on the link). Health members are thread-safe.
/// <see cref="ReadAsync"/> connects on demand, throws <see cref="DeviceException"/> on failure
/// (including a stuck heartbeat) and reconnects on the next call.
/// </summary>
public interface IRadiationMonitor : IDeviceHealthSource, IAsyncDisposable
{
    /// <summary>The latest reading from the driver's own polling, or null before the first successful poll.</summary>
    RadiationReading? LastReading { get; }

    /// <summary>Raised after every successful poll; handlers must not block.</summary>
    event EventHandler<RadiationReading>? ReadingReceived;

    /// <summary>Reads the monitor now.</summary>
    Task<RadiationReading> ReadAsync(CancellationToken cancellationToken);
}
