using System.Text.Json;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Ui.Reports;

/// <summary>
/// The latest stored events of some types, newest first, for the history pages (alarms, lots, calibrations).
/// The store has no index by type, so this reads the last <see cref="MaxScanned"/> events forward and keeps
/// the newest <c>keep</c>; the page says when the history may be longer. Thread-safe (stateless).
/// </summary>
internal static class StoredEventHistory
{
    public const int MaxScanned = 50_000;
    private const int Page = 1000;

    public static async Task<(IReadOnlyList<HistoryEntry> Entries, bool Complete)> ReadAsync(
        IEventStore store, IReadOnlySet<string> types, int keep, CancellationToken ct)
    {
        var after = Math.Max(0, store.LastSeq - MaxScanned);
        var complete = after == 0;
        var kept = new Queue<HistoryEntry>(keep + 1);
        while (true)
        {
            var events = await store.ReadAfterAsync(after, Page, ct);
            if (events.Count == 0)
            {
                break;
            }

            foreach (var ev in events)
            {
                if (types.Contains(ev.Type) && TryData(ev.EnvelopeJson, out var data))
                {
                    kept.Enqueue(new HistoryEntry(ev.Seq, ev.Id, ev.Timestamp, ev.Type, ev.Lot, data));
                    if (kept.Count > keep)
                    {
                        kept.Dequeue();
                        complete = false;
                    }
                }
            }

            after = events[^1].Seq;
        }

        return ([.. kept.Reverse()], complete);
    }

    private static bool TryData(string envelope, out JsonElement data)
    {
        data = default;
        try
        {
            using var doc = JsonDocument.Parse(envelope);
            if (doc.RootElement.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                data = d.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
            // An unreadable stored event is left out of the history (the store checked it when appending).
        }

        return false;
    }
}
