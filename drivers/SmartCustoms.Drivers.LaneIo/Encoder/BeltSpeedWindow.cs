using SmartCustoms.Drivers.Abstractions.LaneIo;

namespace SmartCustoms.Drivers.LaneIo.Encoder;

/// <summary>
/// Counts encoder pulses and derives belt speed over a sliding window of monotonic timestamps.
/// Keeps the timestamps of the pulses inside the window in a bounded ring (speed = pulses in window /
/// pulses-per-metre / window), so a stopping belt reads 0 once its last pulse has left the window.
/// Thread-safe: pulses arrive on the GPIO driver's event thread while others read.
/// </summary>
internal sealed class BeltSpeedWindow
{
    /// <summary>At 100 pulses/m and 6 m/s a 1 s window holds 600 pulses; this bound keeps memory fixed.</summary>
    public const int Capacity = 1 << 16;

    private readonly object _gate = new();
    private readonly long[] _ring = new long[Capacity];
    private readonly double _pulsesPerMetre;
    private readonly long _windowTicks;
    private readonly long _frequency;
    private readonly long _startedAt;
    private int _head;
    private int _count;
    private long _total;
    private long _overruns;

    public BeltSpeedWindow(double pulsesPerMetre, TimeSpan window, long timestampFrequency, long startedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pulsesPerMetre);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _pulsesPerMetre = pulsesPerMetre;
        _frequency = timestampFrequency;
        _windowTicks = (long)(window.TotalSeconds * timestampFrequency);
        _startedAt = startedAt;
    }

    /// <summary>Pulses dropped from the window because more than <see cref="Capacity"/> arrived within it.</summary>
    public long Overruns
    {
        get { lock (_gate) { return _overruns; } }
    }

    public void AddPulse(long timestamp)
    {
        lock (_gate)
        {
            _total++;
            Expire(timestamp);
            if (_count == Capacity)
            {
                _head = (_head + 1) % Capacity;
                _count--;
                _overruns++;
            }

            _ring[(_head + _count) % Capacity] = timestamp;
            _count++;
        }
    }

    public BeltEncoderReading Read(long now)
    {
        lock (_gate)
        {
            Expire(now);
            var span = Math.Min(_windowTicks, now - _startedAt);
            var inWindow = 0;
            for (var i = 0; i < _count; i++)
            {
                // Pulses stamped after 'now' (a read racing a pulse) belong to the next read.
                if (_ring[(_head + i) % Capacity] <= now)
                {
                    inWindow++;
                }
            }

            var seconds = span > 0 ? (double)span / _frequency : 0;
            var speed = seconds > 0 ? inWindow / _pulsesPerMetre / seconds : 0;
            return new BeltEncoderReading(_total, inWindow, TimeSpan.FromSeconds(seconds), speed, now);
        }
    }

    private void Expire(long now)
    {
        var oldest = now - _windowTicks;
        while (_count > 0 && _ring[_head] <= oldest)
        {
            _head = (_head + 1) % Capacity;
            _count--;
        }
    }
}
