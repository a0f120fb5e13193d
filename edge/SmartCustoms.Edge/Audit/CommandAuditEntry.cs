using System.Text.Json;
using System.Text.Json.Nodes;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Audit;

/// <summary>How an executed or refused command is written to the audit log. Pure.</summary>
internal static class CommandAuditEntry
{
    /// <summary>User properties never written to the log: they are credentials.</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase) { "token", "password", "pin" };

    public static AuditEntry For(MqttCommand command, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        var details = new JsonObject
        {
            ["payload"] = command.Payload.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(command.Payload.GetRawText()),
            ["userProperties"] = new JsonObject(command.UserProperties
                .Where(p => !Secret.Contains(p.Key))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        };
        return new AuditEntry("command", command.Name)
        {
            Actor = command.Sender ?? "(unknown)",
            Source = command.UserProperties.GetValueOrDefault("source") ?? (command.Sender == "http-api" ? "http" : "mqtt"),
            Lot = command.Payload.ValueKind == JsonValueKind.Object && command.Payload.TryGetProperty("lotId", out var lot) &&
                  lot.ValueKind == JsonValueKind.String ? lot.GetString() : null,
            Outcome = result.Ok ? "ok" : "refused: " + result.Error,
            Details = details,
        };
    }
}
