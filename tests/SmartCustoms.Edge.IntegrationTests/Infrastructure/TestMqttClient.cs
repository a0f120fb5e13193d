using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartCustoms.Edge.IntegrationTests.Infrastructure;

/// <summary>
/// An MQTT 5 client standing in for a central system: subscribes, records everything it receives, sends
/// commands. Waits are condition-based with a deadline.
/// </summary>
public sealed class TestMqttClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly string _host;
    private readonly int _port;
    private readonly string _clientId;
    private readonly bool _persistent;
    private readonly List<string> _filters = [];

    private TestMqttClient(string host, int port, string clientId, bool persistent)
    {
        _host = host;
        _port = port;
        _clientId = clientId;
        _persistent = persistent;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(ReceivedMessage.From(e.ApplicationMessage));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<ReceivedMessage> Received => [.. _received];

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects and subscribes (QoS 1). A persistent client keeps its session across broker restarts.</summary>
    public static async Task<TestMqttClient> ConnectAsync(string host, int port, string filter,
        bool persistent = false)
    {
        var client = new TestMqttClient(host, port, "test-" + Guid.NewGuid().ToString("N")[..12], persistent);
        await client.ConnectAsync();
        if (filter.Length > 0)
        {
            await client.SubscribeAsync(filter);
        }

        return client;
    }

    public async Task SubscribeAsync(string filter)
    {
        _filters.Add(filter);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
    }

    public async Task ConnectAsync()
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(!_persistent)
            .WithSessionExpiryInterval(_persistent ? 600u : 0u)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        await _client.ConnectAsync(options);
    }

    /// <summary>Reconnects (after a broker restart) until it succeeds or the deadline passes.</summary>
    public async Task ReconnectAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ConnectAsync();
                return;
            }
            catch (Exception) when (clock.Elapsed < within)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> predicate, TimeSpan within,
        string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            var hit = _received.FirstOrDefault(predicate);
            if (hit is not null)
            {
                return hit;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"within {within.TotalSeconds} s no message: {what}. Received: " +
                                   string.Join(" | ", _received.Select(r => r.Topic + " " + r.Payload).Take(20)));
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedMessage>, bool> condition, TimeSpan within,
        string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (condition(Received))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"within {within.TotalSeconds} s: {what} (received {_received.Count})");
    }

    /// <summary>Sends a QoS 1 message without a response topic (fire and forget).</summary>
    public Task SendAsync(string topic, string payload) => _client.PublishAsync(new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(payload)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build());

    /// <summary>Sends a command with a response topic and correlation data; returns the reply.</summary>
    public async Task<ReceivedMessage> RequestAsync(string topic, string payload, TimeSpan within,
        string? sender = null)
    {
        var responseTopic = "test/replies/" + Guid.NewGuid().ToString("N");
        var correlation = Guid.NewGuid().ToByteArray();
        await SubscribeAsync(responseTopic);
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .WithResponseTopic(responseTopic)
            .WithCorrelationData(correlation);

        if (sender is not null)
        {
            builder.WithUserProperty("sender", System.Text.Encoding.UTF8.GetBytes(sender).AsMemory());
        }

        await _client.PublishAsync(builder.Build());
        var reply = await WaitForAsync(m => m.Topic == responseTopic, within, "reply on " + responseTopic);
        Assert.Equal(correlation, reply.CorrelationData);
        return reply;
    }

    public Task PublishAsync(MqttApplicationMessage message) => _client.PublishAsync(message);

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
                // The broker may already be gone.
            }
        }

        _client.Dispose();
    }
}
