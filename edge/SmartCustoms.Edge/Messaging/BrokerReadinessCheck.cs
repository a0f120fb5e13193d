using SmartCustoms.Edge.Health;
using SmartCustoms.Edge.Messaging;

namespace SmartCustoms.Edge.Messaging;

/// <summary>The MQTT broker counts for readiness: without it nothing reaches the central systems (events still queue).</summary>
internal sealed class BrokerReadinessCheck(MqttConnection connection) : IReadinessCheck
{
    public ReadinessItem Check() => connection.IsConnected
        ? new ReadinessItem("mqtt", true, "up", string.Empty, null)
        : new ReadinessItem("mqtt", false, "down", "not connected to the MQTT broker; events are kept in the outbox", null);
}
