using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>One message the scenario subscriber received, with the moment it arrived (UTC, this machine's clock).</summary>
public sealed record ScenarioMessage(string Topic, JsonElement Envelope, DateTimeOffset ReceivedAt)
{
    public JsonElement Data => Envelope.GetProperty("data");

    public string Event => Data.TryGetProperty("event", out var e) ? e.GetString() ?? string.Empty : string.Empty;
}

/// <summary>
/// Everything the gateway publishes under its topic root, as a central system would receive it (MQTT 5, QoS 1).
/// Thread-safe: MQTTnet's receive thread appends, the test reads snapshots.
/// </summary>
public sealed class ScenarioEventLog : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<ScenarioMessage> _messages = new();
    private readonly string _root;

    private ScenarioEventLog(string root)
    {
        _root = root;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            try
            {
                using var document = JsonDocument.Parse(payload);
                _messages.Enqueue(new ScenarioMessage(e.ApplicationMessage.Topic, document.RootElement.Clone(), DateTimeOffset.UtcNow));
            }
            catch (JsonException)
            {
                // Every payload must be JSON: keep it visible as a message the assertions will trip over.
                _messages.Enqueue(new ScenarioMessage(e.ApplicationMessage.Topic + " (not JSON)", default, DateTimeOffset.UtcNow));
            }

            return Task.CompletedTask;
        };
    }

    public static async Task<ScenarioEventLog> ConnectAsync(string host, int port, string root)
    {
        var log = new ScenarioEventLog(root);
        await log._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("scenario-" + Guid.NewGuid().ToString("N")[..10])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build());
        await log._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(root + "/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return log;
    }

    public IReadOnlyList<ScenarioMessage> All => [.. _messages];

    /// <summary>Events of one type (<c>…/event/{type}</c>), in arrival order.</summary>
    public IReadOnlyList<ScenarioMessage> Events(string type) => [.. _messages.Where(m => m.Topic == _root + "/event/" + type)];

    public async Task<ScenarioMessage> WaitForAsync(Func<ScenarioMessage, bool> predicate, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            var found = _messages.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what} not published within {within}; saw {_messages.Count} messages on: " +
            string.Join(", ", _messages.Select(m => m.Topic[(_root.Length + 1)..]).Distinct()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions());
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
            }
        }

        _client.Dispose();
    }
}
