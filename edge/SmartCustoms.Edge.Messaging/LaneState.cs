using System.Text.Json.Nodes;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging;

/// <summary>The lane's retained <c>…/state</c> payloads. Pure.</summary>
public static class LaneState
{
    public const string Schema = "sc.lane.state/1";

    /// <summary>Stored and published on every connect (and again when a detail such as the lane's mode changes).</summary>
    public static EventDraft Online(DateTimeOffset since, string clientId, ILaneStateDetails? details = null)
    {
        var data = new JsonObject
        {
            ["online"] = true,
            ["since"] = EnvelopeWriter.FormatTimestamp(since),
            ["clientId"] = clientId,
        };
        details?.AddTo(data);
        return EventDraft.ForLaneState(data);
    }

    /// <summary>Stored and published on a clean stop (a normal DISCONNECT does not trigger the Last Will).</summary>
    public static EventDraft Offline(string reason) => EventDraft.ForLaneState(new JsonObject
    {
        ["online"] = false,
        ["reason"] = reason,
    });
}
