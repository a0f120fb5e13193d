using System.Text.Json;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Ui.Reports;

/// <summary>
/// A lot's increments for its report, from the stored <c>increment</c> events (the core keeps only the last
/// 20). The store has no index by lot, so this reads forward from the oldest event, at most
/// <see cref="MaxScanned"/> events; the report says when it stopped early. Thread-safe (stateless).
/// </summary>
internal static class LotIncrementReader
{
    public const int MaxScanned = 200_000;
    private const int Page = 1000;

    public static async Task<(IReadOnlyList<IncrementRecord> Increments, bool Complete)> ReadAsync(IEventStore store, string lotId, CancellationToken ct)
    {
        var latest = new SortedDictionary<uint, IncrementRecord>();
        var after = Math.Max(0, store.LastSeq - MaxScanned);
        var complete = after == 0;
        while (true)
        {
            var events = await store.ReadAfterAsync(after, Page, ct);
            if (events.Count == 0)
            {
                break;
            }

            foreach (var ev in events)
            {
                if (ev.Type == LaneEventTypes.Increment && ev.Lot == lotId && TryRead(ev.EnvelopeJson, out var record))
                {
                    latest[record.Id] = record;
                }
            }

            after = events[^1].Seq;
        }

        return ([.. latest.Values], complete);
    }

    private static bool TryRead(string envelope, out IncrementRecord record)
    {
        record = null!;
        try
        {
            using var doc = JsonDocument.Parse(envelope);
            if (doc.RootElement.TryGetProperty("data", out var data) && data.Deserialize<IncrementRecord>(LaneEventJson.Options) is { } r)
            {
                record = r;
                return true;
            }
        }
        catch (JsonException)
        {
            // A stored event that is not an increment record is left out of the report.
        }

        return false;
    }
}
