namespace SmartCustoms.Drivers.LaneIo.Inputs;

/// <summary>
/// Debounces one sampled input: a new level counts once it has held for the debounce time. With
/// <c>activateImmediately</c> (the e-stop) a change to active counts at the first sample, and only the release
/// is debounced: a safety input must never be delayed by filtering, while a bouncing contact must not release it.
/// Not thread-safe: the sampling loop owns it.
/// </summary>
internal sealed class DebouncedInput
{
    private readonly long _debounceTicks;
    private readonly bool _activateImmediately;
    private bool _candidate;
    private long _candidateSince;

    /// <param name="debounceTicks">Debounce time in <see cref="TimeProvider.GetTimestamp"/> units.</param>
    /// <param name="activateImmediately">Accept a change to active at once (fail-safe inputs).</param>
    /// <param name="initial">The state assumed before the first sample (unknown: belt stopped, e-stop active).</param>
    public DebouncedInput(long debounceTicks, bool activateImmediately, bool initial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(debounceTicks);
        _debounceTicks = debounceTicks;
        _activateImmediately = activateImmediately;
        Stable = initial;
        _candidate = initial;
    }

    /// <summary>The debounced logical state.</summary>
    public bool Stable { get; private set; }

    /// <summary>Timestamp of the first sample at the <see cref="Stable"/> level (0 until the first change).</summary>
    public long StableSince { get; private set; }

    /// <summary>Feeds one sample; returns true when <see cref="Stable"/> changed.</summary>
    public bool Sample(bool active, long timestamp)
    {
        if (active != _candidate)
        {
            _candidate = active;
            _candidateSince = timestamp;
        }

        if (_candidate == Stable)
        {
            return false;
        }

        if ((_activateImmediately && _candidate) || timestamp - _candidateSince >= _debounceTicks)
        {
            Stable = _candidate;
            StableSince = _candidateSince;
            return true;
        }

        return false;
    }

    /// <summary>Sets the state at once, bypassing the debounce (fail-safe on a read failure); returns true when it changed.</summary>
    public bool Force(bool active, long timestamp)
    {
        _candidate = active;
        _candidateSince = timestamp;
        if (Stable == active)
        {
            return false;
        }

        Stable = active;
        StableSince = timestamp;
        return true;
    }
}
