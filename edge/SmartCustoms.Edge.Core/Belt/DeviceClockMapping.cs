namespace SmartCustoms.Edge.Core.Belt;

/// <summary>
/// Maps an instrument's own clock (µs, monotonic on the instrument, e.g. the NIR's burst header time) to the host's
/// monotonic timestamps, so an observation is placed on the belt by when it was taken. Anchoring each burst to its
/// arrival is right only while the host keeps up: a host that falls behind reads spectra the instrument took earlier
/// (from its ring buffer), and at 5 m/s each 100 ms of lag puts them 0.5 m upstream. Arrival − device time is the
/// clock offset plus the delivery delay, which is smallest for a burst fetched as soon as it was taken; so the
/// offset is the lower envelope: the minimum over the last <c>windowSeconds</c> of arrivals (short enough for crystal
/// drift, ~0.1 ms per 1 s at 100 ppm, to stay well under a line period; long enough to span a lag episode).
/// A device clock that goes back (instrument restarted) starts the envelope afresh. Not thread-safe (one acquisition loop).
/// </summary>
public sealed class DeviceClockMapping
{
    private readonly double _ticksPerMicrosecond;
    private readonly long _window;
    private readonly LinkedList<(long Arrival, long Offset)> _envelope = new();
    private long _lastDeviceMicroseconds = long.MinValue;

    public DeviceClockMapping(long timestampFrequency, double windowSeconds = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSeconds);
        _ticksPerMicrosecond = timestampFrequency / 1_000_000.0;
        _window = (long)(windowSeconds * timestampFrequency);
    }

    /// <summary>Device clock restarts seen (the device time went back).</summary>
    public long Restarts { get; private set; }

    /// <summary>
    /// Records that the reading taken at <paramref name="deviceMicroseconds"/> arrived at <paramref name="arrivalTimestamp"/>
    /// (call once per burst with its newest reading).
    /// </summary>
    public void Observe(long deviceMicroseconds, long arrivalTimestamp)
    {
        if (deviceMicroseconds < _lastDeviceMicroseconds)
        {
            Restarts++;
            _envelope.Clear();
        }

        _lastDeviceMicroseconds = deviceMicroseconds;
        var offset = arrivalTimestamp - DeviceTicks(deviceMicroseconds);
        while (_envelope.Last is { } last && last.Value.Offset >= offset)
        {
            _envelope.RemoveLast();
        }

        _envelope.AddLast((arrivalTimestamp, offset));
        while (_envelope.First is { } first && first.Value.Arrival < arrivalTimestamp - _window)
        {
            _envelope.RemoveFirst();
        }
    }

    /// <summary>The host timestamp of device time <paramref name="deviceMicroseconds"/>; call <see cref="Observe"/> first.</summary>
    /// <exception cref="InvalidOperationException">Nothing was observed yet.</exception>
    public long ToHost(long deviceMicroseconds)
    {
        var first = _envelope.First ?? throw new InvalidOperationException("no device time observed yet: call Observe with a reading and its arrival first");
        return DeviceTicks(deviceMicroseconds) + first.Value.Offset;
    }

    private long DeviceTicks(long deviceMicroseconds) => (long)Math.Round(deviceMicroseconds * _ticksPerMicrosecond);
}
