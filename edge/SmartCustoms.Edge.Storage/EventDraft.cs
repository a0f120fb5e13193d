using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Storage;

/// <summary>
/// An event as the lane produces it, before the store gives it its identity (<c>id</c>, <c>seq</c>, <c>ts</c>).
/// Immutable; safe to share between threads.
/// </summary>
/// <param name="Type">Short event type, e.g. <c>detection</c>, <c>alarm</c>, <c>state</c>, <c>verdict</c>.</param>
/// <param name="Schema">The envelope's <c>schema</c>, e.g. <c>sc.event.detection/1</c>.</param>
/// <param name="TopicSuffix">Topic below <c>sc/v1/{site}/{lane}/</c>, e.g. <c>event/detection</c>, <c>state</c>,
/// <c>device/nir/state</c>, <c>lot/L1/verdict</c>.</param>
/// <param name="Retained">Whether the MQTT message is retained (state and verdicts).</param>
/// <param name="Priority">Delivery priority and disk-budget class.</param>
/// <param name="Lot">Lot the event belongs to, or null.</param>
/// <param name="Data">The envelope's <c>data</c> object; null is stored as <c>{}</c>.</param>
public sealed record EventDraft(
    string Type,
    string Schema,
    string TopicSuffix,
    bool Retained,
    EventPriority Priority,
    string? Lot,
    JsonNode? Data)
{
    /// <summary>An ordinary event on <c>event/{type}</c> with schema <c>sc.event.{type}/1</c>.</summary>
    public static EventDraft ForEvent(string type, JsonNode? data, string? lot = null,
        EventPriority priority = EventPriority.Normal) =>
        new(type, $"sc.event.{type}/1", $"event/{type}", Retained: false, priority, lot, data);

    /// <summary>An alarm on <c>event/alarm</c>; critical so it is sent first and accepted past the budget.</summary>
    public static EventDraft ForAlarm(JsonNode? data, string? lot = null) =>
        ForEvent("alarm", data, lot, EventPriority.Critical);

    /// <summary>The lane's retained state on <c>state</c> (<c>{"online":true,…}</c>).</summary>
    public static EventDraft ForLaneState(JsonNode? data) =>
        new("state", "sc.lane.state/1", "state", Retained: true, EventPriority.Critical, Lot: null, data);

    /// <summary>A device's retained health on <c>device/{device}/state</c>.</summary>
    public static EventDraft ForDeviceState(string device, JsonNode? data) =>
        new("device-state", "sc.device.state/1", $"device/{device}/state", Retained: true,
            EventPriority.Critical, Lot: null, data);

    /// <summary>A lot's current verdict, retained on <c>lot/{lotId}/verdict</c>.</summary>
    public static EventDraft ForLotVerdict(string lotId, JsonNode? data) =>
        new("verdict", "sc.lot.verdict/1", $"lot/{lotId}/verdict", Retained: true, EventPriority.High, lotId, data);
}
