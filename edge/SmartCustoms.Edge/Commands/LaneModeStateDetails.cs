using System.Text.Json.Nodes;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// Puts the lane's mode into every online lane state (<c>…/state</c>, <c>sc.lane.state/1</c>):
/// <c>"mode":"run"|"maintenance"</c> and, once it has been set, <c>"modeSince"</c>. Thread-safe (the core locks).
/// </summary>
internal sealed class LaneModeStateDetails(LaneCore core) : ILaneStateDetails
{
    public void AddTo(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // One read: mode and time from the same change.
        var change = core.ModeChange;
        data["mode"] = LaneModeRules.Name(change?.Mode ?? LaneMode.Run);
        if (change is not null)
        {
            data["modeSince"] = EnvelopeWriter.FormatTimestamp(change.Since);
        }
    }
}
