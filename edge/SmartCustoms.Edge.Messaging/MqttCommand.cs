using System.Text.Json;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// A command received on <c>…/cmd/{name}</c>. Immutable.
/// </summary>
/// <param name="Name">The last topic level, e.g. <c>start-lot</c>.</param>
/// <param name="Payload">The JSON object sent (an empty payload is <c>{}</c>).</param>
/// <param name="Sender">Who sent it, from the MQTT 5 user property <c>sender</c> (or <c>user</c>); null if
/// absent. MQTT does not authenticate this: rely on broker ACLs or a <c>token</c> user property.</param>
/// <param name="UserProperties">All MQTT 5 user properties of the request (e.g. <c>token</c>).</param>
public sealed record MqttCommand(
    string Name,
    JsonElement Payload,
    string? Sender,
    IReadOnlyDictionary<string, string> UserProperties);
