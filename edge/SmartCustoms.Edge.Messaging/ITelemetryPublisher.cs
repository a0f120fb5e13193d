using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// QoS 0 telemetry on <c>…/telemetry/{name}</c>: not stored, no seq, dropped (and counted) while the broker is
/// not connected. Thread-safe.
/// </summary>
public interface ITelemetryPublisher
{
    /// <summary>Telemetry messages dropped so far.</summary>
    long Dropped { get; }

    /// <summary>Publishes one reading; false when it was dropped.</summary>
    Task<bool> PublishAsync(string name, JsonNode? data, CancellationToken cancellationToken = default);
}
