using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>A message as a test subscriber received it.</summary>
public sealed record ReceivedMessage(
    string Topic,
    string Payload,
    bool Retain,
    MqttQualityOfServiceLevel QoS,
    string? ContentType,
    IReadOnlyDictionary<string, string> UserProperties,
    byte[]? CorrelationData)
{
    public static ReceivedMessage From(MqttApplicationMessage m) => new(
        m.Topic,
        Encoding.UTF8.GetString(m.Payload),
        m.Retain,
        m.QualityOfServiceLevel,
        m.ContentType,
        (m.UserProperties ?? []).ToDictionary(p => p.Name, p => p.ReadValueAsString()),
        m.CorrelationData);

    public JsonElement Json
    {
        get
        {
            using var doc = JsonDocument.Parse(Payload);
            return doc.RootElement.Clone();
        }
    }

    public long? Seq => Json.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null;
}
