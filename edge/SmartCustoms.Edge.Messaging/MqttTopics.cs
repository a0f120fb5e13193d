namespace SmartCustoms.Edge.Messaging;

/// <summary>The lane's topic names under <c>sc/v1/{site}/{lane}</c>. Immutable.</summary>
public sealed class MqttTopics(string site, string lane)
{
    public string Root { get; } = $"sc/v1/{site}/{lane}";

    /// <summary>The retained lane state (and Last Will) topic.</summary>
    public string State => Root + "/state";

    /// <summary>Subscription filter for commands.</summary>
    public string CommandFilter => Root + "/cmd/+";

    public string CommandPrefix => Root + "/cmd/";

    public string For(string suffix) => Root + "/" + suffix;

    public string Telemetry(string name) => Root + "/telemetry/" + name;
}
