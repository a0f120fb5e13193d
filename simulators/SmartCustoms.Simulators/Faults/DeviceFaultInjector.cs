using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Faults;

/// <summary>
/// The faults a simulated device must show now: injected on command (control API, scsim, tests)
/// and scheduled by the scenario. Expiry runs on the monotonic clock. Thread-safe.
/// </summary>
public sealed class DeviceFaultInjector
{
    private readonly Lock _gate = new();
    private readonly Dictionary<DeviceFaultKind, long> _untilTimestamp = [];
    private readonly TimeProvider _time;
    private readonly LaneWorld? _world;
    private readonly LaneClock? _clock;
    private TimeSpan _clockOffset = DeviceFaultKinds.DefaultClockOffset;

    /// <param name="device">Device name as the scenario and the control API spell it (nir, camera, …).</param>
    /// <param name="world">When given with <paramref name="clock"/>, the scenario's fault schedule applies too.</param>
    public DeviceFaultInjector(string device, TimeProvider timeProvider, LaneWorld? world = null, LaneClock? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Device = device;
        _time = timeProvider;
        _world = world;
        _clock = clock;
    }

    public string Device { get; }

    /// <summary>Starts (or extends) a fault for <paramref name="duration"/>. A zero duration ends it. A <see cref="DeviceFaultKind.ClockOffset"/> injected here uses <see cref="DeviceFaultKinds.DefaultClockOffset"/>.</summary>
    public void Inject(DeviceFaultKind kind, TimeSpan duration) =>
        InjectCore(kind, duration, kind == DeviceFaultKind.ClockOffset ? DeviceFaultKinds.DefaultClockOffset : null);

    /// <summary>Starts (or extends) a clock-offset fault: the device reports its clock shifted by <paramref name="offset"/> (either sign, at most <see cref="DeviceFaultKinds.MaxClockOffset"/>) for <paramref name="duration"/>.</summary>
    public void InjectClockOffset(TimeSpan offset, TimeSpan duration)
    {
        if (offset.Duration() > DeviceFaultKinds.MaxClockOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"A clock offset must be within ±{DeviceFaultKinds.MaxClockOffset.TotalSeconds:F0} s.");
        }

        InjectCore(DeviceFaultKind.ClockOffset, duration, offset);
    }

    /// <summary>
    /// What the device must add to the clock it reports now: the injected offset while an injected
    /// clock-offset fault lasts, <see cref="DeviceFaultKinds.DefaultClockOffset"/> while only a scheduled one does,
    /// otherwise zero.
    /// </summary>
    public TimeSpan ClockOffset
    {
        get
        {
            long now = _time.GetTimestamp();
            lock (_gate)
            {
                if (_untilTimestamp.TryGetValue(DeviceFaultKind.ClockOffset, out long until) && until > now)
                {
                    return _clockOffset;
                }
            }

            return IsActive(DeviceFaultKind.ClockOffset) ? DeviceFaultKinds.DefaultClockOffset : TimeSpan.Zero;
        }
    }

    private void InjectCore(DeviceFaultKind kind, TimeSpan duration, TimeSpan? clockOffset)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A fault duration cannot be negative.");
        }

        long until = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
        lock (_gate)
        {
            if (clockOffset is { } offset)
            {
                _clockOffset = offset;
            }

            if (duration == TimeSpan.Zero)
            {
                _untilTimestamp.Remove(kind);
            }
            else
            {
                _untilTimestamp[kind] = until;
            }
        }
    }

    /// <summary>Ends every injected fault (scheduled ones follow the scenario).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _untilTimestamp.Clear();
        }
    }

    public bool IsActive(DeviceFaultKind kind)
    {
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_untilTimestamp.TryGetValue(kind, out long until) && until > now)
            {
                return true;
            }
        }

        if (_world is not null && _clock is not null)
        {
            foreach (var f in _world.ActiveFaults(Device, _clock.ElapsedSeconds))
            {
                if (f.Kind == kind)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Every fault in force now.</summary>
    public IReadOnlyList<ActiveFault> Snapshot()
    {
        long now = _time.GetTimestamp();
        var result = new List<ActiveFault>();
        lock (_gate)
        {
            foreach (var (kind, until) in _untilTimestamp)
            {
                if (until > now)
                {
                    result.Add(new ActiveFault(Device, kind, TimeSpan.FromSeconds((until - now) / (double)_time.TimestampFrequency), false));
                }
            }
        }

        if (_world is not null && _clock is not null)
        {
            double t = _clock.ElapsedSeconds;
            double cycle = _world.Scenario.FaultCycleSeconds;
            double local = cycle > 0 ? t % cycle : t;
            foreach (var f in _world.ActiveFaults(Device, t))
            {
                result.Add(new ActiveFault(Device, f.Kind, TimeSpan.FromSeconds(f.AtSeconds + f.DurationSeconds - local), true));
            }
        }

        return result;
    }
}
