using Microsoft.Extensions.DependencyInjection;
using SmartCustoms.Edge.Messaging;

namespace SmartCustoms.Edge.Ui.Stream;

/// <summary>
/// Whether the gateway's MQTT connection is up, for the banner. The connection is optional: a host without
/// MQTT (tests, a bench) reports <c>not-monitored</c> rather than pretending it is connected. Thread-safe.
/// </summary>
internal sealed class BrokerStatus(IServiceProvider services)
{
    private readonly MqttConnection? _connection = services.GetService<MqttConnection>();

    /// <summary><c>connected</c>, <c>disconnected</c> or <c>not-monitored</c>.</summary>
    public string State => _connection is null ? "not-monitored" : _connection.IsConnected ? "connected" : "disconnected";
}
