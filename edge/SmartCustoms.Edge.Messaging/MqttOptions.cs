namespace SmartCustoms.Edge.Messaging;

/// <summary>Settings of section <c>Mqtt</c>.</summary>
public sealed class MqttOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>Broker host name or address. Empty: start the embedded broker on 127.0.0.1 and use it.</summary>
    public string Host { get; set; } = "";

    /// <summary>Broker port (external broker only).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>MQTT client id; also the persistent session's name. Empty: <c>sc-edge-{Site}-{Lane}</c>.</summary>
    public string ClientId { get; set; } = "";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate (trusted instead of the system store).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Client certificate: a PEM certificate (with <see cref="ClientKeyPath"/>) or a .pfx/.p12 file.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key of the client certificate (not needed for .pfx).</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Password of a .pfx client certificate.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>Topic level <c>{site}</c> of <c>sc/v1/{site}/{lane}</c>; also stamped into envelopes.</summary>
    public string Site { get; set; } = "site1";

    /// <summary>Topic level <c>{lane}</c> of <c>sc/v1/{site}/{lane}</c>; also stamped into envelopes.</summary>
    public string Lane { get; set; } = "lane1";

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the broker keeps the session (subscriptions, queued commands) after a disconnect.</summary>
    public uint SessionExpirySeconds { get; set; } = 3600;

    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Port of the embedded broker (when <see cref="Host"/> is empty); 0 picks a free port.</summary>
    public int EmbeddedBrokerPort { get; set; } = 1883;

    /// <summary>Messages the embedded broker queues per client before dropping the oldest.</summary>
    public int EmbeddedBrokerMaxPendingPerClient { get; set; } = 100_000;

    /// <summary>QoS 1 publishes awaiting PUBACK at once (also capped by the broker's Receive Maximum).</summary>
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Events read from the outbox per round.</summary>
    public int OutboxBatchSize { get; set; } = 256;

    /// <summary>On a clean stop, how long pending events may still be sent before the offline state.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest accepted command payload in bytes.</summary>
    public int MaxCommandBytes { get; set; } = 64 * 1024;

    /// <summary>How long a command handler may take before the command is answered with a time-out error.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Client id actually used.</summary>
    public string EffectiveClientId => string.IsNullOrWhiteSpace(ClientId) ? $"sc-edge-{Site}-{Lane}" : ClientId;

    /// <summary>True when the embedded broker is used.</summary>
    public bool UsesEmbeddedBroker => string.IsNullOrWhiteSpace(Host);
}
