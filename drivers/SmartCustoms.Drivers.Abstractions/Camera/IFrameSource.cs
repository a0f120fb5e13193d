using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Abstractions.Camera;

/// <summary>
/// A camera (or a recording standing in for one) that delivers frames.
/// Thread-safety: <see cref="ReadFramesAsync"/> has one consumer at a time — a second enumeration while
/// one is running throws <see cref="InvalidOperationException"/>. <see cref="Counters"/> and the health
/// members (<see cref="IDeviceHealthSource"/>) are thread-safe and may be read from anywhere.
/// The enumeration survives device failures: it reconnects by itself (with backoff), reports the failure
/// through health and goes on yielding frames once the device is back. It ends only when the token is
/// cancelled, the source is disposed, or a finite source (a video file without looping) runs out.
/// </summary>
public interface IFrameSource : IDeviceHealthSource, IAsyncDisposable
{
    /// <summary>Frame counters since the source was created.</summary>
    CameraCounters Counters { get; }

    /// <summary>
    /// Yields frames as they arrive. Each frame owns pooled buffers: the consumer must dispose it when done
    /// (see <see cref="CameraFrame"/>). Frames are never buffered ahead of the consumer: a slow consumer
    /// makes frames arrive late (counted as late where the device stamps its frames) rather than piling up.
    /// </summary>
    IAsyncEnumerable<CameraFrame> ReadFramesAsync(CancellationToken cancellationToken);
}
