using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Abstractions.BeltScale;

/// <summary>
/// A belt scale: flow, totaliser and belt speed. Thread-safe: reads may come from several callers
/// (they are serialised on the link). Health members are thread-safe.
/// <see cref="ReadAsync"/> connects on demand, throws <see cref="DeviceException"/> on failure
/// (including a stuck heartbeat) and reconnects on the next call.
/// </summary>
public interface IBeltScale : IDeviceHealthSource, IAsyncDisposable
{
    /// <summary>The latest reading from the driver's own polling, or null before the first successful poll.</summary>
    BeltScaleReading? LastReading { get; }

    /// <summary>Raised after every successful poll; handlers must not block.</summary>
    event EventHandler<BeltScaleReading>? ReadingReceived;

    /// <summary>Reads the scale now.</summary>
    Task<BeltScaleReading> ReadAsync(CancellationToken cancellationToken);
}
