namespace SmartCustoms.Edge.Storage;

/// <summary>
/// The lane's durable event log and MQTT outbox.
/// Thread-safety: every member may be called concurrently from any thread. Appends from many threads are
/// grouped into one transaction and one fsync; each <see cref="AppendAsync"/> completes only after its event
/// is on disk.
/// </summary>
public interface IEventStore
{
    /// <summary>Site stamped into every envelope.</summary>
    string Site { get; }

    /// <summary>Lane stamped into every envelope.</summary>
    string Lane { get; }

    /// <summary>Highest seq stored so far (0 for a new store).</summary>
    long LastSeq { get; }

    /// <summary>Stored events not yet acknowledged by the broker.</summary>
    long PendingCount { get; }

    /// <summary>Estimated bytes held by stored events (the quantity the disk budget limits).</summary>
    long StoredBytes { get; }

    /// <summary>True once <see cref="StorageOptions.MaxDiskBytes"/> is reached: normal events are refused, the
    /// caller should slow down and tell the operator.</summary>
    bool IsOverBudget { get; }

    /// <summary>Raised on the store's writer thread after each durable commit group; handlers must be quick
    /// and must not throw.</summary>
    event EventHandler<EventsAppendedEventArgs>? Appended;

    /// <summary>Stores the draft durably (fsync) and returns it with its seq, id and ts.</summary>
    /// <exception cref="StorageFullException">The disk budget refuses this priority.</exception>
    /// <exception cref="IOException">The commit failed (nothing stored), or an fsync failed: then the store
    /// refuses every further write until the gateway is restarted.</exception>
    /// <exception cref="ArgumentException">The draft is invalid or larger than <c>Storage:MaxEventBytes</c>.</exception>
    /// <exception cref="ObjectDisposedException">The store is closed.</exception>
    Task<StoredEvent> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> undelivered events, ordered by priority then seq.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadPendingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Marks events as acknowledged by the broker; unknown or already delivered seqs are ignored.</summary>
    Task MarkDeliveredAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default);

    /// <summary>Stored events with seq greater than <paramref name="afterSeq"/>, in seq order, at most
    /// <paramref name="limit"/> (for <c>GET /api/events?afterSeq=N</c>).</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes delivered events older than the retention period (at most 10 000 per call); never
    /// touches undelivered ones. Returns how many were deleted.</summary>
    Task<int> PruneAsync(CancellationToken cancellationToken = default);
}
