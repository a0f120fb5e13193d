namespace SmartCustoms.Edge.Core.Belt;

/// <summary>
/// Ring buffer of belt points in time order; the oldest are overwritten. Not thread-safe (the tracker locks).
/// Positions never decrease, so both time and position can be binary-searched.
/// </summary>
internal sealed class BeltHistory(int capacity)
{
    private readonly BeltPoint[] _points = new BeltPoint[capacity];
    private int _start;

    public int Count { get; private set; }

    public BeltPoint this[int index] => _points[(_start + index) % _points.Length];

    public BeltPoint Last => this[Count - 1];

    public BeltPoint First => this[0];

    public void Add(BeltPoint point)
    {
        if (Count < _points.Length)
        {
            _points[(_start + Count) % _points.Length] = point;
            Count++;
        }
        else
        {
            _points[_start] = point;
            _start = (_start + 1) % _points.Length;
        }
    }

    /// <summary>Index of the last point with timestamp ≤ <paramref name="timestamp"/>, or -1.</summary>
    public int IndexAtOrBefore(long timestamp)
    {
        int lo = 0, hi = Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (this[mid].Timestamp <= timestamp)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>Index of the first point with position ≥ <paramref name="position"/>, or -1.</summary>
    public int IndexFirstReaching(double position)
    {
        int lo = 0, hi = Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (this[mid].PositionMetres >= position)
            {
                found = mid;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return found;
    }
}
