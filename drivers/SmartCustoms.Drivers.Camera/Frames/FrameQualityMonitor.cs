using Microsoft.Extensions.Logging;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// Watches the stream of good frames of one camera: sequence gaps (dropped), age on arrival (late) and
/// byte-identical repeats (frozen). Frozen means <c>frozenFrameCount</c> identical images in a row; it is
/// found by comparing each JPEG with a copy of the previous one (exact, and a memcmp is cheaper than a
/// hash). A sensor that freezes but re-encodes its image with noise is not caught. Not thread-safe: the
/// source's read loop owns it.
/// </summary>
internal sealed class FrameQualityMonitor(
    string device,
    int frozenFrameCount,
    TimeSpan lateFrameAge,
    CameraMetrics metrics,
    ILogger logger)
{
    private byte[] _previous = [];
    private int _previousLength = -1;
    private int _identicalRun = 1;
    private ulong? _lastDeviceSequence;

    public bool IsFrozen => _identicalRun >= frozenFrameCount;

    /// <summary>Identical frames in a row, the latest included.</summary>
    public int IdenticalRun => _identicalRun;

    /// <returns>True when the image repeats the previous frame byte for byte.</returns>
    public bool Observe(ReadOnlySpan<byte> jpeg, ulong? deviceSequence, DateTimeOffset? deviceTime, DateTimeOffset hostTime)
    {
        if (deviceSequence is { } sequence)
        {
            if (_lastDeviceSequence is { } last && sequence > last + 1)
            {
                var missing = (long)Math.Min(sequence - last - 1, long.MaxValue);
                metrics.Dropped(missing);
                CameraLog.SequenceGap(logger, device, missing, last, sequence);
            }

            // A lower number means the camera restarted its count: start over, nothing to count.
            _lastDeviceSequence = sequence;
        }

        if (deviceTime is { } stamped && hostTime - stamped > lateFrameAge)
        {
            metrics.Late();
        }

        var repeat = _previousLength == jpeg.Length && jpeg.SequenceEqual(_previous.AsSpan(0, _previousLength));
        if (repeat)
        {
            _identicalRun++;
            if (_identicalRun == frozenFrameCount)
            {
                CameraLog.Frozen(logger, device, _identicalRun);
            }
        }
        else
        {
            if (_identicalRun >= frozenFrameCount)
            {
                CameraLog.Unfrozen(logger, device, _identicalRun);
            }

            _identicalRun = 1;
            if (_previous.Length < jpeg.Length)
            {
                _previous = new byte[Math.Max(jpeg.Length, _previous.Length * 2)];
            }

            jpeg.CopyTo(_previous);
            _previousLength = jpeg.Length;
        }

        if (IsFrozen)
        {
            metrics.Frozen();
        }

        return repeat;
    }
}
