using System.Globalization;

namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>
/// The files of one audit chain in <c>{Storage:Path}/audit/</c>: closed files <c>audit-{first seq}-{last seq}.jsonl</c>
/// (12 digits each, so name order is chain order) and the open file <c>audit.jsonl</c>, last. Pure (reads the folder only).
/// </summary>
public static class AuditFiles
{
    public const string CurrentFileName = "audit.jsonl";

    /// <summary>The name a full <c>audit.jsonl</c> holding records <paramref name="firstSeq"/>–<paramref name="lastSeq"/> is closed under.</summary>
    public static string ClosedFileName(long firstSeq, long lastSeq) =>
        string.Create(CultureInfo.InvariantCulture, $"audit-{firstSeq:D12}-{lastSeq:D12}.jsonl");

    /// <summary>The closed files in chain order (oldest first).</summary>
    public static IReadOnlyList<string> Closed(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "audit-*-*.jsonl").Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Every file of the chain in order: the closed ones, then <c>audit.jsonl</c> when it exists.</summary>
    public static IReadOnlyList<string> InOrder(string folder)
    {
        var current = Path.Combine(folder, CurrentFileName);
        return File.Exists(current) ? [.. Closed(folder), current] : Closed(folder);
    }
}
