namespace SmartCustoms.Drivers.Abstractions.Health;

/// <summary>
/// Turns the outcome of each device operation into a health state: down after
/// <c>failuresBeforeDown</c> consecutive failures, up again on the first success.
/// Thread-safe: drivers report from their I/O loop while others read <see cref="Current"/>.
/// </summary>
public sealed class DeviceHealthTracker
{
    private readonly object _gate = new();
    private readonly int _failuresBeforeDown;
    private readonly TimeProvider _time;
    private int _consecutiveFailures;
    private DeviceHealth _current;

    public DeviceHealthTracker(string device, int failuresBeforeDown, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresBeforeDown, 1);
        ArgumentNullException.ThrowIfNull(time);
        _failuresBeforeDown = failuresBeforeDown;
        _time = time;
        // A device is down until it has proved otherwise.
        _current = new DeviceHealth(device, DeviceHealthState.Down, "not connected yet", time.GetUtcNow());
    }

    /// <summary>Raised after every state or reason change, outside the tracker's lock.</summary>
    public event EventHandler<DeviceHealth>? Changed;

    public DeviceHealth Current
    {
        get { lock (_gate) { return _current; } }
    }

    /// <summary>Consecutive failures since the last success.</summary>
    public int ConsecutiveFailures
    {
        get { lock (_gate) { return _consecutiveFailures; } }
    }

    public void ReportSuccess() => Transition(DeviceHealthState.Up, string.Empty, resetFailures: true);

    public void ReportDegraded(string reason) => Transition(DeviceHealthState.Degraded, reason, resetFailures: true);

    /// <summary>Counts a failure; the device goes down once the configured count is reached.</summary>
    public void ReportFailure(string reason)
    {
        DeviceHealth? changed = null;
        lock (_gate)
        {
            _consecutiveFailures++;
            if (_consecutiveFailures >= _failuresBeforeDown &&
                (_current.State != DeviceHealthState.Down || _current.Reason != reason))
            {
                var since = _current.State == DeviceHealthState.Down ? _current.Since : _time.GetUtcNow();
                _current = _current with { State = DeviceHealthState.Down, Reason = reason, Since = since };
                changed = _current;
            }
        }

        if (changed is not null)
        {
            Changed?.Invoke(this, changed);
        }
    }

    /// <summary>Marks the device down at once (e.g. the connection was closed by the peer).</summary>
    public void ReportDown(string reason)
    {
        lock (_gate)
        {
            _consecutiveFailures = Math.Max(_consecutiveFailures, _failuresBeforeDown);
        }

        Transition(DeviceHealthState.Down, reason, resetFailures: false);
    }

    private void Transition(DeviceHealthState state, string reason, bool resetFailures)
    {
        DeviceHealth? changed = null;
        lock (_gate)
        {
            if (resetFailures)
            {
                _consecutiveFailures = 0;
            }

            if (_current.State != state || _current.Reason != reason)
            {
                var since = _current.State == state ? _current.Since : _time.GetUtcNow();
                _current = _current with { State = state, Reason = reason, Since = since };
                changed = _current;
            }
        }

        if (changed is not null)
        {
            Changed?.Invoke(this, changed);
        }
    }
}
