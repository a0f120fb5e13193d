using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// Adds the lane's current details (e.g. its <c>mode</c>) to the retained online lane state, so every connect
/// publishes them. Optional: registered by the host when it has such details. Implementations must be
/// thread-safe and must not block (called by the outbox publisher and by command handlers).
/// </summary>
public interface ILaneStateDetails
{
    /// <summary>Adds members to <paramref name="data"/> (the <c>data</c> object of <c>sc.lane.state/1</c>); never removes any.</summary>
    void AddTo(JsonObject data);
}
