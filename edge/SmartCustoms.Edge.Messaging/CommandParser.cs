using System.Buffers;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Packets;

namespace SmartCustoms.Edge.Messaging;

/// <summary>Checks an incoming command message and turns it into a <see cref="MqttCommand"/>. Pure; thread-safe.</summary>
public static class CommandParser
{
    /// <summary>Parses the message; on failure <paramref name="error"/> says what is wrong, for the reply.</summary>
    public static bool TryParse(MqttApplicationMessage message, MqttTopics topics, int maxBytes,
        out MqttCommand? command, out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(topics);
        command = null;
        var name = message.Topic.StartsWith(topics.CommandPrefix, StringComparison.Ordinal)
            ? message.Topic[topics.CommandPrefix.Length..]
            : "";
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            error = $"topic '{message.Topic}' is not a command topic ({topics.CommandPrefix}<name>)";
            return false;
        }

        var length = message.Payload.Length;
        if (length > maxBytes)
        {
            error = $"command '{name}': payload is {length} bytes, more than the limit of {maxBytes}";
            return false;
        }

        JsonElement payload;
        if (length == 0)
        {
            using var empty = JsonDocument.Parse("{}");
            payload = empty.RootElement.Clone();
        }
        else
        {
            try
            {
                var reader = new Utf8JsonReader(message.Payload);
                using var doc = JsonDocument.ParseValue(ref reader);
                payload = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                error = $"command '{name}': payload is not valid JSON ({ex.Message})";
                return false;
            }
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            error = $"command '{name}': payload must be a JSON object, got {payload.ValueKind}";
            return false;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in message.UserProperties ?? [])
        {
            properties[property.Name] = property.ReadValueAsString();
        }

        var sender = properties.GetValueOrDefault("sender") ?? properties.GetValueOrDefault("user");
        command = new MqttCommand(name, payload, sender, properties);
        error = null;
        return true;
    }
}
