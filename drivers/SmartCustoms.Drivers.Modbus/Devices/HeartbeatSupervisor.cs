using System.Globalization;

namespace SmartCustoms.Drivers.Modbus.Devices;

/// <summary>
/// Watches a device's heartbeat counter: if it has not changed for the timeout (monotonic time), the
/// device is dead even though it still answers (a frozen PLC program, a stalled gateway).
/// Thread-safe.
/// </summary>
internal sealed class HeartbeatSupervisor
{
    private readonly object _gate = new();
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private ushort? _last;
    private long _lastChange;

    public HeartbeatSupervisor(TimeSpan timeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _time = time;
    }

    /// <summary>Records a heartbeat value; returns why the device is dead, or null while it lives.</summary>
    public string? Observe(ushort heartbeat)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_last != heartbeat)
            {
                _last = heartbeat;
                _lastChange = now;
                return null;
            }

            if (_time.GetElapsedTime(_lastChange, now) < _timeout)
            {
                return null;
            }
        }

        // The configured timeout, not the growing elapsed time, keeps the reason stable while it stays stuck.
        return string.Create(CultureInfo.InvariantCulture, $"heartbeat stuck at {heartbeat} for {_timeout.TotalSeconds:0.0} s");
    }
}
