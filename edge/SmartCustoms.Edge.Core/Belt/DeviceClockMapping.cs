namespace SmartCustoms.Edge.Core.Belt;

/// <summary>
/// Maps an instrument's own clock (µs, monotonic on the instrument, e.g. the NIR's burst header time) to the host's
/// monotonic timestamps, so an observation is placed on the belt by when it was taken. Anchoring each burst to its
/// arrival is right only while the host keeps up: a host that falls behind reads spectra the instrument took earlier
/// (from its ring buffer), and at 5 m/s each 100 ms of lag puts them 0.5 m upstream. Arrival − device time is the
/// clock offset plus the delivery delay, which is smallest for a burst fetched as soon as it was taken; so the
/// offset is the lower envelope of arrival − device time.
/// <para>
/// The envelope keeps one reference reading, the one with the smallest delay, and a newer reading replaces it only
/// when its offset is no more than the reference's plus what the two clocks can drift apart in between
/// (<c>maxDriftPpm</c>). A lag episode, however long (tens of seconds when the instrument's ring overflows, minutes
/// on a loaded box), therefore never becomes the reference: every reading in it is late by far more than drift.
/// (An envelope over a fixed time window forgot the last on-time reading once a lag outlasted the window and then
/// placed the whole backlog at its arrival: segments passed meanwhile got no spectra, the segments under the NIR
/// at catch-up got several times their share, and the model's rare false hits in them looked like dispersed
/// contaminant.) A slower link or real drift is followed: its readings replace the reference once the drift
/// allowance covers the difference (4 ms more delay at 200 ppm: after 20 s).
/// </para>
/// A device clock that goes back (instrument restarted) starts afresh. Not thread-safe (one acquisition loop).
/// </summary>
public sealed class DeviceClockMapping
{
    private readonly double _ticksPerMicrosecond;
    private readonly double _maxDrift;
    private long _referenceArrival;
    private long _referenceOffset;
    private bool _hasReference;
    private long _lastDeviceMicroseconds = long.MinValue;

    /// <param name="timestampFrequency">Host timestamp ticks per second.</param>
    /// <param name="maxDriftPpm">
    /// How fast the two clocks may drift apart, parts per million (two crystals of ±50 ppm: up to 100; default 200 for
    /// headroom). Larger follows real drift more surely; smaller lets a slowly growing lag pass for drift less.
    /// </param>
    public DeviceClockMapping(long timestampFrequency, double maxDriftPpm = 200)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDriftPpm);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDriftPpm, 100_000);
        _ticksPerMicrosecond = timestampFrequency / 1_000_000.0;
        _maxDrift = maxDriftPpm / 1_000_000.0;
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
            _hasReference = false;
        }

        _lastDeviceMicroseconds = deviceMicroseconds;
        var offset = arrivalTimestamp - DeviceTicks(deviceMicroseconds);
        if (!_hasReference || offset <= _referenceOffset + DriftSince(arrivalTimestamp))
        {
            _referenceArrival = arrivalTimestamp;
            _referenceOffset = offset;
            _hasReference = true;
        }
    }

    /// <summary>The host timestamp of device time <paramref name="deviceMicroseconds"/>; call <see cref="Observe"/> first.</summary>
    /// <exception cref="InvalidOperationException">Nothing was observed yet.</exception>
    public long ToHost(long deviceMicroseconds)
    {
        if (!_hasReference)
        {
            throw new InvalidOperationException("no device time observed yet: call Observe with a reading and its arrival first");
        }

        return DeviceTicks(deviceMicroseconds) + _referenceOffset;
    }

    // How far the clocks may have drifted apart since the reference arrived (never negative: arrivals are monotonic).
    private long DriftSince(long arrivalTimestamp) => (long)(Math.Max(0, arrivalTimestamp - _referenceArrival) * _maxDrift);

    private long DeviceTicks(long deviceMicroseconds) => (long)Math.Round(deviceMicroseconds * _ticksPerMicrosecond);
}
