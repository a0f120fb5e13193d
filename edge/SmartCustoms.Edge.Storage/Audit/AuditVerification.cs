namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>The result of walking an audit chain.</summary>
/// <param name="Ok">True when every record is intact and linked.</param>
/// <param name="Records">Records checked (up to the first broken one).</param>
/// <param name="ByCategory">Intact records per category.</param>
/// <param name="BrokenLine">The first broken record: its 1-based position in the chain (= its expected seq), or null.</param>
/// <param name="Problem">What is wrong with it, in words, or null.</param>
/// <param name="LastHash">Hash of the last intact record (the chain's head), or null for an empty log.</param>
public sealed record AuditVerification(bool Ok, long Records, IReadOnlyDictionary<string, long> ByCategory,
    long? BrokenLine, string? Problem, string? LastHash)
{
    /// <summary>The file holding the first broken record (folder verification), or null.</summary>
    public string? BrokenFile { get; init; }

    /// <summary>Files read (1 for a single file).</summary>
    public int Files { get; init; } = 1;
}
