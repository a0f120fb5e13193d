using System.Text.Json;

namespace SmartCustoms.Edge.Ui.Reports;

/// <summary>One stored event for a history page: its envelope's identity and its <c>data</c>. Immutable.</summary>
internal sealed record HistoryEntry(long Seq, string Id, DateTimeOffset Timestamp, string Type, string? Lot, JsonElement Data)
{
    /// <summary>
    /// Evidence ids the event carries (any string property named like <c>evidenceId</c> or an <c>evidence…</c>
    /// array of strings, at any depth), for links to <c>/api/evidence/{id}</c>. Empty when it carries none.
    /// </summary>
    public IReadOnlyList<string> EvidenceIds()
    {
        var found = new List<string>();
        Collect(Data, found, 0);
        return found;
    }

    private static void Collect(JsonElement element, List<string> found, int depth)
    {
        if (depth > 6 || found.Count >= 8)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in element.EnumerateObject())
            {
                var isEvidence = p.Name.StartsWith("evidence", StringComparison.OrdinalIgnoreCase);
                if (isEvidence && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } id)
                {
                    found.Add(id);
                }
                else if (isEvidence && p.Value.ValueKind == JsonValueKind.Array)
                {
                    found.AddRange(p.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Where(v => v.Length > 0));
                }
                else
                {
                    Collect(p.Value, found, depth + 1);
                }
            }
        }
    }
}
