namespace SmartCustoms.Edge.Camera;

/// <summary>
/// Frames per second over consecutive windows of about one second, on monotonic timestamps
/// (<see cref="TimeProvider.GetTimestamp"/>). A camera that stops delivering reads 0 after two windows.
/// Thread-safety: <see cref="Count"/> has one caller at a time; the readers may run on any thread.
/// </summary>
internal sealed class FrameRateMeter(long ticksPerSecond)
{
    private readonly long _window = ticksPerSecond > 0 ? ticksPerSecond : throw new ArgumentOutOfRangeException(nameof(ticksPerSecond));
    private long _windowStart = -1;
    private long _inWindow;
    private long _frames;
    private long _lastFrame;
    private double _rate;

    /// <summary>Frames counted since start.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>The rate of the last completed window, or 0 when no frame came for two windows before <paramref name="now"/>.</summary>
    public double FramesPerSecondAt(long now) =>
        Frames > 0 && now - Interlocked.Read(ref _lastFrame) <= 2 * _window ? Volatile.Read(ref _rate) : 0;

    /// <summary>Counts one frame arriving at <paramref name="timestamp"/>.</summary>
    public void Count(long timestamp)
    {
        Interlocked.Exchange(ref _lastFrame, timestamp);
        Interlocked.Increment(ref _frames);
        if (_windowStart < 0)
        {
            // The first frame opens the window: the rate counts the intervals after it.
            _windowStart = timestamp;
            return;
        }

        _inWindow++;
        var elapsed = timestamp - _windowStart;
        if (elapsed >= _window)
        {
            Volatile.Write(ref _rate, _inWindow * (double)_window / elapsed);
            _windowStart = timestamp;
            _inWindow = 0;
        }
    }
}
