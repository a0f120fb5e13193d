namespace SmartCustoms.Simulators.World;

/// <summary>The increments cut in this run, in order. Thread-safe.</summary>
public sealed class IncrementLedger
{
    private readonly Lock _gate = new();
    private readonly List<SamplerIncrement> _increments = [];
    private readonly Dictionary<string, int> _itemToIncrement = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _increments.Count;
            }
        }
    }

    public void Add(SamplerIncrement increment)
    {
        ArgumentNullException.ThrowIfNull(increment);
        lock (_gate)
        {
            _increments.Add(increment);
            foreach (string id in increment.InterceptedItemIds)
            {
                _itemToIncrement.TryAdd(id, increment.Number);
            }
        }
    }

    public IReadOnlyList<SamplerIncrement> Snapshot()
    {
        lock (_gate)
        {
            return [.. _increments];
        }
    }

    /// <summary>The number of the first increment that intercepted the item, or null.</summary>
    public int? InterceptedBy(string itemId)
    {
        lock (_gate)
        {
            return _itemToIncrement.TryGetValue(itemId, out int n) ? n : null;
        }
    }
}
