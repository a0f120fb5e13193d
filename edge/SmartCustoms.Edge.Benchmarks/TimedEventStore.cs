using System.Collections.Concurrent;
using System.Diagnostics;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Benchmarks;

/// <summary>
/// The real store with a stopwatch around it: when each append was called and when the outbox marked its seq
/// delivered (which it does only after the broker's PUBACK). Latency = append call → mark-delivered call.
/// Thread-safe.
/// </summary>
internal sealed class TimedEventStore(LiteDbEventStore inner) : IEventStore
{
    private readonly ConcurrentDictionary<long, long> _appendStarted = new();
    private readonly ConcurrentDictionary<long, long> _delivered = new();
    private long _deliveredCount;
    private long _appendedCount;

    public long DeliveredCount => Interlocked.Read(ref _deliveredCount);

    /// <summary>Detection events appended (the benchmark's own, not the lane state the outbox stores on each connect).</summary>
    public long AppendedCount => Interlocked.Read(ref _appendedCount);

    public string Site => inner.Site;

    public string Lane => inner.Lane;

    public long LastSeq => inner.LastSeq;

    public long PendingCount => inner.PendingCount;

    public long StoredBytes => inner.StoredBytes;

    public bool IsOverBudget => inner.IsOverBudget;

    public event EventHandler<EventsAppendedEventArgs>? Appended
    {
        add => inner.Appended += value;
        remove => inner.Appended -= value;
    }

    public async Task<StoredEvent> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var stored = await inner.AppendAsync(draft, cancellationToken);
        _appendStarted[stored.Seq] = started;
        if (draft.Type == "detection")
        {
            Interlocked.Increment(ref _appendedCount);
        }

        return stored;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadPendingAsync(int max, CancellationToken cancellationToken = default) =>
        inner.ReadPendingAsync(max, cancellationToken);

    public async Task MarkDeliveredAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default)
    {
        // Recorded before the inner call: the store's pending count drops inside it, and a reader that sees the
        // outbox empty must also see these timestamps.
        var now = Stopwatch.GetTimestamp();
        foreach (var seq in seqs)
        {
            if (_delivered.TryAdd(seq, now))
            {
                Interlocked.Increment(ref _deliveredCount);
            }
        }

        await inner.MarkDeliveredAsync(seqs, cancellationToken);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadAfterAsync(afterSeq, limit, cancellationToken);

    public Task<int> PruneAsync(CancellationToken cancellationToken = default) => inner.PruneAsync(cancellationToken);

    /// <summary>Append → PUBACK latencies in ms of the seqs in (<paramref name="afterSeq"/>, <paramref name="upToSeq"/>].</summary>
    public List<double> LatenciesMs(long afterSeq, long upToSeq)
    {
        var result = new List<double>();
        for (var seq = afterSeq + 1; seq <= upToSeq; seq++)
        {
            // An append's own timestamp is recorded after it completes, so a very fast PUBACK may be marked before.
            if (_appendStarted.TryGetValue(seq, out var started) && _delivered.TryGetValue(seq, out var delivered))
            {
                result.Add(Stopwatch.GetElapsedTime(started, delivered).TotalMilliseconds);
            }
        }

        return result;
    }
}
