using System.Text.Json.Nodes;

namespace SmartCustoms.Edge.Messaging;

/// <summary>The reply to a command: <c>{"ok":true}</c> (optionally with <c>data</c>) or
/// <c>{"ok":false,"error":"…"}</c>. Immutable.</summary>
public sealed record CommandResult(bool Ok, string? Error, JsonNode? Data = null)
{
    public static CommandResult Success(JsonNode? data = null) => new(true, null, data);

    public static CommandResult Failure(string error) => new(false, error);

    /// <summary>The reply payload.</summary>
    public string ToJson()
    {
        var reply = new JsonObject { ["ok"] = Ok };
        if (!Ok)
        {
            reply["error"] = Error ?? "failed";
        }

        if (Data is not null)
        {
            reply["data"] = Data.DeepClone();
        }

        return reply.ToJsonString();
    }
}
