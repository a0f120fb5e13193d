using System.Text.Json.Nodes;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Lane;

/// <summary>
/// How the lane core's events become stored, published messages: alarms are critical, verdicts high
/// priority, and a lot's verdict is also kept retained on <c>lot/{lotId}/verdict</c>.
/// </summary>
internal static class LaneEventDrafts
{
    /// <param name="laneEvent">The core's event.</param>
    /// <param name="evidenceId">Its evidence record (alarms and segments carry <c>evidenceId</c>, null when none).</param>
    public static IEnumerable<EventDraft> From(LaneEvent laneEvent, string? evidenceId = null)
    {
        ArgumentNullException.ThrowIfNull(laneEvent);
        var data = JsonNode.Parse(LaneEventJson.SerializeData(laneEvent)) as JsonObject ?? new JsonObject();
        // The payload says what happened within its type (judged, started, refused, raised, …).
        data["event"] = laneEvent.Name;
        if (laneEvent.Type is LaneEventTypes.Alarm or LaneEventTypes.Segment)
        {
            data["evidenceId"] = evidenceId;
        }

        var priority = laneEvent.Type switch
        {
            LaneEventTypes.Alarm => EventPriority.Critical,
            LaneEventTypes.Segment or LaneEventTypes.Lot or LaneEventTypes.Brand => EventPriority.High,
            _ => EventPriority.Normal,
        };

        yield return new EventDraft(laneEvent.Type, laneEvent.Schema, $"event/{laneEvent.Type}", Retained: false, priority, laneEvent.LotId, data);

        if (laneEvent.Type == LaneEventTypes.Lot && laneEvent.LotId is { Length: > 0 } lotId)
        {
            yield return EventDraft.ForLotVerdict(lotId, data.DeepClone());
        }
    }
}
