namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>A record as written to the chain.</summary>
/// <param name="Seq">1 for the first record, +1 each.</param>
/// <param name="Timestamp">When it was written (UTC).</param>
/// <param name="Category">The entry's category.</param>
/// <param name="Action">The entry's action.</param>
/// <param name="PreviousHash">Hash of the record before (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 (hex) of this record's canonical JSON without the <c>hash</c> field.</param>
/// <param name="Json">The line as stored.</param>
public sealed record AuditRecord(long Seq, DateTimeOffset Timestamp, string Category, string Action,
    string PreviousHash, string Hash, string Json);
