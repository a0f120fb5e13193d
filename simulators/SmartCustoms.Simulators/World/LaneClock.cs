namespace SmartCustoms.Simulators.World;

/// <summary>
/// Lane time: seconds since the simulated lane started, from the monotonic clock of a
/// <see cref="TimeProvider"/> (never wall-clock). Thread-safe.
/// </summary>
public sealed class LaneClock
{
    private readonly long _start;

    public LaneClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        _start = timeProvider.GetTimestamp();
    }

    public TimeProvider TimeProvider { get; }

    public TimeSpan Elapsed => TimeProvider.GetElapsedTime(_start);

    public double ElapsedSeconds => Elapsed.TotalSeconds;

    public long ElapsedMicroseconds => (long)(Elapsed.Ticks / 10);
}
