namespace SmartCustoms.Edge.Core.Events;

/// <summary>Events produced since the host last drained them. Not thread-safe (the lane core locks).</summary>
internal sealed class LaneEventLog(TimeProvider time)
{
    private List<LaneEvent> _pending = [];

    public void Add(string type, string name, string? lotId, object data) =>
        _pending.Add(new LaneEvent(type, name, lotId, time.GetUtcNow(), data));

    public IReadOnlyList<LaneEvent> Drain()
    {
        if (_pending.Count == 0)
        {
            return [];
        }

        var drained = _pending;
        _pending = [];
        return drained;
    }
}
