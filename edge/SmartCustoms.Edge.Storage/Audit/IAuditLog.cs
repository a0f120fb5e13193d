namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>
/// The hash-chained audit log (<c>{Storage:Path}/audit/audit.jsonl</c>): every record holds the previous
/// record's hash and the SHA-256 of its own canonical JSON, so a changed, removed or inserted record breaks the
/// chain (see <see cref="AuditChainVerifier"/>).
/// Thread-safety: every member may be called concurrently; appends are written one at a time, in call order.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends the entry and completes once it is on disk (fsync). Returns the record as written.</summary>
    /// <exception cref="ArgumentException">The entry is invalid (empty category/action, non-finite number).</exception>
    /// <exception cref="IOException">The write or fsync failed; the log then refuses further writes.</exception>
    Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The latest record of a category (from this run or an earlier one), or null.</summary>
    AuditRecord? LastOf(string category);

    /// <summary>Records in the chain.</summary>
    long Count { get; }

    /// <summary>Full path of the log file.</summary>
    string FilePath { get; }
}
