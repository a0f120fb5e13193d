namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>
/// Evidence beside the events: files written durably (fsync) under <c>Storage:Path/evidence</c>, indexed with
/// their SHA-256 in <c>evidence/index.db</c>.
/// Thread-safety: every member may be called concurrently from any thread (writes are serialised inside).
/// </summary>
public interface IEvidenceStore
{
    /// <summary>
    /// Writes the draft's files (fsync, then the folder), then its index entry (fsync), and returns its id
    /// (<c>ev-…</c>) to put in the event payload as <c>evidenceId</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The draft is invalid (empty kind, bad spectra shape or id).</exception>
    /// <exception cref="IOException">The files or the index could not be written; nothing is indexed.</exception>
    Task<string> SaveAsync(EvidenceDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The record, or null for an unknown (or pruned) id, or an id that is not an evidence id.</summary>
    Task<EvidenceRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One file of a record, checked against its SHA-256; null when the record or file is unknown
    /// or the file is gone from disk.</summary>
    Task<EvidenceFileContent?> ReadFileAsync(string id, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Releases an alarm's evidence for retention once the alarm is acknowledged.</summary>
    Task MarkAlarmAcknowledgedAsync(string alarmId, CancellationToken cancellationToken = default);

    /// <summary>Deletes records past <c>Storage:EvidenceRetentionDays</c>, then the oldest beyond
    /// <c>Storage:EvidenceMaxDiskBytes</c>, never one that <paramref name="holds"/> keeps. Returns how many.</summary>
    Task<int> PruneAsync(EvidenceHolds holds, CancellationToken cancellationToken = default);

    /// <summary>Bytes of all indexed evidence files.</summary>
    long StoredBytes { get; }

    /// <summary>Indexed records.</summary>
    long Count { get; }
}
