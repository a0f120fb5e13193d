namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// The real clock with wall-clock steps at given monotonic moments (<see cref="ClockStepOptions"/>). Only
/// <see cref="GetUtcNow"/> moves: <see cref="GetTimestamp"/>, timers and delays come from the real provider,
/// as on Linux, where stepping CLOCK_REALTIME leaves CLOCK_MONOTONIC and .NET timers alone. Thread-safe
/// (immutable after construction).
/// </summary>
internal sealed class ClockStepTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly long _start;
    private readonly ClockStep[] _steps;

    public ClockStepTimeProvider(TimeProvider real, IEnumerable<ClockStep> steps)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(steps);
        _real = real;
        _start = real.GetTimestamp();
        _steps = [.. steps.OrderBy(s => s.After)];
    }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override long GetTimestamp() => _real.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + OffsetNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);

    /// <summary>The offset of the last step whose moment has passed (zero before the first).</summary>
    private TimeSpan OffsetNow()
    {
        var elapsed = _real.GetElapsedTime(_start);
        var offset = TimeSpan.Zero;
        foreach (var step in _steps)
        {
            if (elapsed < step.After)
            {
                break;
            }

            offset = step.Offset;
        }

        return offset;
    }
}
