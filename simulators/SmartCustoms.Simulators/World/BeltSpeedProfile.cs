namespace SmartCustoms.Simulators.World;

/// <summary>
/// Belt speed over lane time as a piecewise-linear curve, and its exact integral (belt travel).
/// Immutable and thread-safe.
/// </summary>
public sealed class BeltSpeedProfile
{
    private readonly double[] _times;
    private readonly double[] _speeds;
    private readonly double[] _travel;

    /// <param name="keypoints">(time s, speed m/s), time ascending; speed is 0 before the first and constant after the last.</param>
    public BeltSpeedProfile(IReadOnlyList<(double TimeS, double SpeedMps)> keypoints)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        if (keypoints.Count == 0)
        {
            throw new ArgumentException("A belt speed profile needs at least one keypoint.", nameof(keypoints));
        }

        _times = new double[keypoints.Count];
        _speeds = new double[keypoints.Count];
        _travel = new double[keypoints.Count];
        for (int i = 0; i < keypoints.Count; i++)
        {
            _times[i] = keypoints[i].TimeS;
            _speeds[i] = Math.Max(0, keypoints[i].SpeedMps);
            if (i > 0)
            {
                if (_times[i] < _times[i - 1])
                {
                    throw new ArgumentException("Belt speed keypoints must be in time order.", nameof(keypoints));
                }

                _travel[i] = _travel[i - 1] + (0.5 * (_speeds[i] + _speeds[i - 1]) * (_times[i] - _times[i - 1]));
            }
        }
    }

    /// <summary>The profile of a belt that starts at time 0, ramps to speed and honours the scheduled stops.</summary>
    public static BeltSpeedProfile FromOptions(BeltOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double v = options.NominalSpeedMps;
        double ramp = Math.Max(0.001, options.RampSeconds);
        var points = new List<(double, double)> { (0, 0), (ramp, v) };
        foreach (var stop in options.Stops.OrderBy(s => s.AtSeconds))
        {
            double start = Math.Max(stop.AtSeconds, points[^1].Item1);
            points.Add((start, v));
            points.Add((start + ramp, 0));
            points.Add((start + ramp + stop.DurationSeconds, 0));
            points.Add((start + ramp + stop.DurationSeconds + ramp, v));
        }

        return new BeltSpeedProfile(points);
    }

    public double SpeedAt(double timeS)
    {
        if (timeS <= _times[0])
        {
            return timeS < _times[0] ? 0 : _speeds[0];
        }

        int i = Segment(timeS);
        if (i >= _times.Length - 1)
        {
            return _speeds[^1];
        }

        double span = _times[i + 1] - _times[i];
        double f = span <= 0 ? 1 : (timeS - _times[i]) / span;
        return _speeds[i] + (f * (_speeds[i + 1] - _speeds[i]));
    }

    /// <summary>Metres of belt that have passed a fixed point since lane start.</summary>
    public double TravelAt(double timeS)
    {
        if (timeS <= _times[0])
        {
            return 0;
        }

        int i = Segment(timeS);
        double dt = timeS - _times[i];
        return _travel[i] + (0.5 * (_speeds[i] + SpeedAt(timeS)) * dt);
    }

    /// <summary>The first time at which the belt travel reaches <paramref name="travelM"/>, or null if it never does.</summary>
    public double? TimeAtTravel(double travelM)
    {
        if (travelM <= 0)
        {
            return 0;
        }

        double lo = _times[0];
        double hi;
        if (travelM <= _travel[^1])
        {
            hi = _times[^1];
        }
        else
        {
            if (_speeds[^1] <= 0)
            {
                return null;
            }

            return _times[^1] + ((travelM - _travel[^1]) / _speeds[^1]);
        }

        for (int k = 0; k < 64 && hi - lo > 1e-7; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (TravelAt(mid) < travelM)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    private int Segment(double timeS)
    {
        int idx = Array.BinarySearch(_times, timeS);
        if (idx < 0)
        {
            idx = ~idx - 1;
        }

        // With repeated keypoint times, take the last one at or before timeS.
        while (idx + 1 < _times.Length && _times[idx + 1] <= timeS)
        {
            idx++;
        }

        return Math.Clamp(idx, 0, _times.Length - 1);
    }
}
