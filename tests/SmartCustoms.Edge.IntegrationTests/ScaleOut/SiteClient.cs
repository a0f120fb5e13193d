using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.ScaleOut;

/// <summary>
/// An MQTT 5 client with a username and password (the lane gateways' or the central consumer's), which
/// reports the broker's reason codes so a test can tell "accepted" from "not authorized".
/// </summary>
public sealed class SiteClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();

    private SiteClient()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(ReceivedMessage.From(e.ApplicationMessage));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<ReceivedMessage> Received => [.. _received];

    public static async Task<SiteClient> ConnectAsync(MosquittoFixture broker, string username)
    {
        var client = new SiteClient();
        await client._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId("test-" + username + "-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(username, SiteBroker.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build());
        return client;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return result.Items.Single().ResultCode;
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return result.ReasonCode;
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedMessage>, bool> condition, TimeSpan within, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Received))
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"within {within.TotalSeconds} s: {what()}");
            }

            await Task.Delay(50);
        }
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
                // The broker may already be gone.
            }
        }

        _client.Dispose();
    }
}
