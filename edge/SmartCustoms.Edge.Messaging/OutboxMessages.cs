using MQTTnet;
using MQTTnet.Protocol;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging;

/// <summary>Turns a stored event into its MQTT 5 message. Pure; thread-safe.</summary>
public static class OutboxMessages
{
    public const string ContentType = "application/json";

    public static MqttApplicationMessage ToMessage(StoredEvent stored, MqttTopics topics)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(topics);
        return new MqttApplicationMessageBuilder()
            .WithTopic(topics.For(stored.TopicSuffix))
            .WithPayload(stored.EnvelopeUtf8())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(stored.Retained)
            .WithContentType(ContentType)
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithUserProperty("schema", Utf8(stored.Schema))
            .WithUserProperty("id", Utf8(stored.Id))
            .Build();
    }

    internal static ReadOnlyMemory<byte> Utf8(string value) => System.Text.Encoding.UTF8.GetBytes(value);

    /// <summary>The broker took the message: PUBACK success, or success with nobody subscribed yet.</summary>
    public static bool IsAccepted(MqttClientPublishResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ReasonCode is MqttClientPublishReasonCode.Success
            or MqttClientPublishReasonCode.NoMatchingSubscribers;
    }
}
