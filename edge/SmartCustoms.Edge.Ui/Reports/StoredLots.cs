using System.Text.Json;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Ui.Reports;

/// <summary>
/// A lot the core no longer holds (it keeps the open lot and a few recent ones), read back from its latest
/// stored <c>lot</c> event, so the report of an older lot still opens. Thread-safe (stateless).
/// </summary>
internal static class StoredLots
{
    private static readonly HashSet<string> LotType = [LaneEventTypes.Lot];

    public static async Task<LotSnapshot?> FindAsync(IEventStore store, string lotId, CancellationToken ct)
    {
        var (entries, _) = await StoredEventHistory.ReadAsync(store, LotType, 1000, ct);
        foreach (var entry in entries)
        {
            if (entry.Lot != lotId)
            {
                continue;
            }

            try
            {
                return entry.Data.Deserialize<LotSnapshot>(LaneEventJson.Options);
            }
            catch (JsonException)
            {
                // An unreadable lot event: try an older one.
            }
        }

        return null;
    }
}
