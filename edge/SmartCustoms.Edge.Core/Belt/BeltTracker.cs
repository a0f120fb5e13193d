using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Belt;

/// <summary>
/// Turns time into belt position. Position is integrated from belt-scale speed samples (trapezoidal rule
/// between samples, so stops and speed steps come out exact for linear ramps) or counted from encoder
/// pulses (preferred while fresh); a history ring buffer answers "where was the belt at time t" and
/// predictions extrapolate at the current speed, so they are re-evaluated as the speed changes.
/// </summary>
/// <remarks>
/// Thread-safety: every member is thread-safe (one lock). Samples usually come from one acquisition
/// thread, queries from any. Timestamps are <see cref="TimeProvider.GetTimestamp"/> values.
/// </remarks>
public sealed class BeltTracker
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly BeltHistory _history;
    private readonly long _timeoutTicks;
    private readonly double _pulsesPerMetre;
    private readonly double _movingSpeed;

    private bool _hasSpeed;
    private long _speedTimestamp;
    private double _speed;
    private bool _hasPulses;
    private long _pulseTimestamp;
    private long _pulses;
    private BeltPositionSource _source;
    private long _uncertainIntervals;
    private long _rejected;

    public BeltTracker(LaneGeometryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Geometry = new LaneGeometry(options);
        _history = new BeltHistory(options.HistoryCapacity);
        _timeoutTicks = (long)(options.SpeedSampleTimeoutSeconds * time.TimestampFrequency);
        _pulsesPerMetre = options.EncoderPulsesPerMetre;
        _movingSpeed = options.MovingSpeedMetresPerSecond;
    }

    public LaneGeometry Geometry { get; }

    /// <summary>At least one belt sample has been recorded.</summary>
    public bool HasHistory
    {
        get { lock (_gate) { return _history.Count > 0; } }
    }

    /// <summary>Why the last refused sample was refused (empty if none was).</summary>
    public string LastRejection { get; private set; } = string.Empty;

    /// <summary>Records a belt speed sample (m/s) taken at <paramref name="timestamp"/>. Returns false (counted) when refused.</summary>
    public bool RecordSpeed(double metresPerSecond, long timestamp)
    {
        lock (_gate)
        {
            if (!double.IsFinite(metresPerSecond) || metresPerSecond < 0)
            {
                return Reject($"belt speed {metresPerSecond} m/s is not a valid forward speed");
            }

            if (_history.Count > 0 && timestamp < _history.Last.Timestamp)
            {
                return Reject("belt speed sample is older than the last belt sample");
            }

            var encoderFresh = _hasPulses && timestamp - _pulseTimestamp <= _timeoutTicks;
            var speedFresh = _hasSpeed && timestamp - _speedTimestamp <= _timeoutTicks;
            _hasSpeed = true;
            _speedTimestamp = timestamp;
            _speed = metresPerSecond;
            if (encoderFresh)
            {
                // The encoder owns the position while it is fresh; speed is only kept as a fallback.
                return true;
            }

            _source = BeltPositionSource.ScaleSpeed;
            if (_history.Count == 0)
            {
                _history.Add(new BeltPoint(timestamp, 0, metresPerSecond, false));
                return true;
            }

            var last = _history.Last;
            var seconds = Seconds(timestamp - last.Timestamp);
            // Trapezoid: speed taken as linear between the two samples.
            var position = last.PositionMetres + ((last.SpeedMetresPerSecond + metresPerSecond) / 2 * seconds);
            var uncertain = !speedFresh;
            if (uncertain)
            {
                // Best estimate across a gap, but said so: the belt may have stopped or run meanwhile.
                _uncertainIntervals++;
            }

            _history.Add(new BeltPoint(timestamp, position, metresPerSecond, uncertain));
            return true;
        }
    }

    /// <summary>Records the encoder's cumulative pulse count at <paramref name="timestamp"/>. Returns false (counted) when refused.</summary>
    public bool RecordEncoderPulses(long pulseCount, long timestamp)
    {
        lock (_gate)
        {
            if (_pulsesPerMetre <= 0)
            {
                return Reject("encoder pulses received but Lane:Geometry:EncoderPulsesPerMetre is 0");
            }

            if (_history.Count > 0 && timestamp < _history.Last.Timestamp)
            {
                return Reject("encoder sample is older than the last belt sample");
            }

            var fresh = _hasPulses && timestamp - _pulseTimestamp <= _timeoutTicks;
            if (fresh && pulseCount < _pulses)
            {
                // Counter reset or wrap: re-anchor instead of running the belt backwards.
                _pulses = pulseCount;
                _pulseTimestamp = timestamp;
                return Reject("encoder count went backwards (counter reset?); re-anchored");
            }

            double position;
            double speed;
            if (_history.Count == 0)
            {
                position = 0;
                speed = 0;
            }
            else if (fresh)
            {
                var last = _history.Last;
                var metres = (pulseCount - _pulses) / _pulsesPerMetre;
                var seconds = Seconds(timestamp - last.Timestamp);
                position = last.PositionMetres + metres;
                speed = seconds > 0 ? metres / seconds : last.SpeedMetresPerSecond;
            }
            else
            {
                // First pulse sample or after a stale encoder: anchor here, carrying the belt forward at the
                // last fresh speed if there is one.
                var last = _history.Last;
                var speedFresh = _hasSpeed && timestamp - _speedTimestamp <= _timeoutTicks;
                speed = speedFresh ? _speed : 0;
                position = last.PositionMetres + (speedFresh ? last.SpeedMetresPerSecond * Seconds(timestamp - last.Timestamp) : 0);
            }

            _hasPulses = true;
            _pulses = pulseCount;
            _pulseTimestamp = timestamp;
            _source = BeltPositionSource.Encoder;
            _history.Add(new BeltPoint(timestamp, position, speed, false));
            return true;
        }
    }

    /// <summary>The belt now.</summary>
    public BeltState GetState()
    {
        lock (_gate)
        {
            if (_history.Count == 0)
            {
                return new BeltState(0, 0, false, false, BeltPositionSource.None, 0, _uncertainIntervals, _rejected);
            }

            var last = _history.Last;
            var known = IsFresh(last);
            return new BeltState(
                last.PositionMetres,
                last.SpeedMetresPerSecond,
                known,
                known && last.SpeedMetresPerSecond >= _movingSpeed,
                known ? _source : BeltPositionSource.None,
                last.Timestamp,
                _uncertainIntervals,
                _rejected);
        }
    }

    /// <summary>
    /// Belt position at <paramref name="timestamp"/>: interpolated inside the history, extrapolated at the last
    /// speed for up to the speed timeout after the last sample. False before the history or when speed is stale.
    /// </summary>
    public bool TryGetPositionAt(long timestamp, out double positionMetres)
    {
        lock (_gate)
        {
            return TryPositionAt(timestamp, out positionMetres);
        }
    }

    /// <summary>
    /// When the belt was (or will be) at <paramref name="positionMetres"/>. Past positions come from the history;
    /// future ones are predicted at the current speed and need a fresh, moving belt.
    /// </summary>
    public bool TryGetTimestampAtPosition(double positionMetres, out long timestamp)
    {
        lock (_gate)
        {
            return TryTimestampAt(positionMetres, out timestamp);
        }
    }

    /// <summary>The belt coordinate of the material under <paramref name="device"/> at <paramref name="timestamp"/>.</summary>
    public bool TryGetCoordinateUnder(LaneDevice device, long timestamp, out double coordinate)
    {
        lock (_gate)
        {
            var ok = TryPositionAt(timestamp, out var position);
            coordinate = ok ? position - Geometry.PositionOf(device) : double.NaN;
            return ok;
        }
    }

    /// <summary>
    /// Best-effort coordinate for placing an observation: like <see cref="TryGetCoordinateUnder"/>, but when the
    /// speed is stale it uses the last known position and sets <paramref name="certain"/> false. False only when
    /// there is no history covering the time at all.
    /// </summary>
    public bool TryPlace(LaneDevice device, long timestamp, out double coordinate, out bool certain)
    {
        lock (_gate)
        {
            certain = TryPositionAt(timestamp, out var position);
            if (!certain)
            {
                if (_history.Count == 0 || timestamp < _history.First.Timestamp)
                {
                    coordinate = double.NaN;
                    return false;
                }

                position = _history.Last.PositionMetres;
            }

            coordinate = position - Geometry.PositionOf(device);
            return true;
        }
    }

    /// <summary>When the material with belt coordinate <paramref name="coordinate"/> is under <paramref name="device"/>.</summary>
    public bool TryPredictTimestampUnder(double coordinate, LaneDevice device, out long timestamp)
    {
        lock (_gate)
        {
            return TryTimestampAt(coordinate + Geometry.PositionOf(device), out timestamp);
        }
    }

    /// <summary>The material seen at <paramref name="from"/> at <paramref name="seenAt"/> reaches <paramref name="to"/> at <paramref name="arrival"/>.</summary>
    public bool TryPredictArrival(LaneDevice from, long seenAt, LaneDevice to, out long arrival)
    {
        lock (_gate)
        {
            arrival = 0;
            return TryPositionAt(seenAt, out var position)
                && TryTimestampAt(position + Geometry.DistanceMetres(from, to), out arrival);
        }
    }

    /// <summary>Seconds between two timestamps of this tracker's time provider.</summary>
    public double Seconds(long ticks) => ticks / (double)_time.TimestampFrequency;

    private bool IsFresh(BeltPoint last) => _time.GetTimestamp() - last.Timestamp <= _timeoutTicks;

    private bool TryPositionAt(long timestamp, out double position)
    {
        position = double.NaN;
        if (_history.Count == 0 || timestamp < _history.First.Timestamp)
        {
            return false;
        }

        var i = _history.IndexAtOrBefore(timestamp);
        var p0 = _history[i];
        if (i == _history.Count - 1)
        {
            if (timestamp - p0.Timestamp > _timeoutTicks)
            {
                return false;
            }

            position = p0.PositionMetres + (p0.SpeedMetresPerSecond * Seconds(timestamp - p0.Timestamp));
            return true;
        }

        var p1 = _history[i + 1];
        position = Interpolate(p0, p1, Seconds(timestamp - p0.Timestamp));
        return true;
    }

    private bool TryTimestampAt(double position, out long timestamp)
    {
        timestamp = 0;
        if (_history.Count == 0 || position < _history.First.PositionMetres)
        {
            return false;
        }

        var last = _history.Last;
        if (position > last.PositionMetres)
        {
            if (!IsFresh(last) || last.SpeedMetresPerSecond < _movingSpeed)
            {
                return false;
            }

            timestamp = last.Timestamp + (long)((position - last.PositionMetres) / last.SpeedMetresPerSecond * _time.TimestampFrequency);
            return true;
        }

        var i = _history.IndexFirstReaching(position);
        if (i == 0)
        {
            timestamp = _history[0].Timestamp;
            return true;
        }

        var p0 = _history[i - 1];
        var p1 = _history[i];
        var seconds = InvertInterpolation(p0, p1, position);
        timestamp = p0.Timestamp + (long)Math.Round(seconds * _time.TimestampFrequency);
        return true;
    }

    /// <summary>
    /// Position inside [p0, p1] with constant acceleration chosen so the curve starts at p0's speed and ends at
    /// p1's position. For trapezoid points that is exactly the linear speed ramp; for encoder points (average
    /// speeds) it still passes through both ends. Clamped so the belt never runs backwards.
    /// </summary>
    private double Interpolate(BeltPoint p0, BeltPoint p1, double dt)
    {
        var span = Seconds(p1.Timestamp - p0.Timestamp);
        if (span <= 0)
        {
            return p1.PositionMetres;
        }

        var a = Acceleration(p0, p1, span);
        var x = p0.PositionMetres + (p0.SpeedMetresPerSecond * dt) + (a * dt * dt / 2);
        return Math.Clamp(x, p0.PositionMetres, p1.PositionMetres);
    }

    private double InvertInterpolation(BeltPoint p0, BeltPoint p1, double position)
    {
        var span = Seconds(p1.Timestamp - p0.Timestamp);
        var d = position - p0.PositionMetres;
        if (span <= 0 || d <= 0)
        {
            return 0;
        }

        var a = Acceleration(p0, p1, span);
        var v0 = p0.SpeedMetresPerSecond;
        double t;
        if (Math.Abs(a) < 1e-12)
        {
            t = v0 > 0 ? d / v0 : span;
        }
        else
        {
            var disc = (v0 * v0) + (2 * a * d);
            t = disc < 0 ? span : (-v0 + Math.Sqrt(disc)) / a;
        }

        return Math.Clamp(double.IsFinite(t) ? t : span, 0, span);
    }

    private static double Acceleration(BeltPoint p0, BeltPoint p1, double span) =>
        2 * (p1.PositionMetres - p0.PositionMetres - (p0.SpeedMetresPerSecond * span)) / (span * span);

    private bool Reject(string reason)
    {
        _rejected++;
        LastRejection = reason;
        return false;
    }
}
