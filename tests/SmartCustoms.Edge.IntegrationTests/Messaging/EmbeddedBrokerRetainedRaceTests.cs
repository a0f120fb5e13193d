using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using SmartCustoms.Edge.Messaging;

namespace SmartCustoms.Edge.IntegrationTests.Messaging;

/// <summary>
/// The embedded broker's retained messages against a subscriber whose SUBSCRIBE is being handled at the moment
/// a retained message changes (what a central system or `mosquitto_sub` meets when it subscribes while the gateway
/// publishes its start-up states). The change is made inside the broker's subscription interceptor, which MQTTnet
/// calls after taking its retained snapshot and before registering the subscription: exactly the gap.
/// </summary>
public sealed class EmbeddedBrokerRetainedRaceTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_retained_message_changed_while_a_client_subscribes_still_reaches_that_client()
    {
        await using var broker = await StartBrokerAsync();
        using var publisher = await ConnectAsync(broker.Port, "race-publisher");
        await PublishRetainedAsync(publisher, "race/state", "before");

        broker.Server!.InterceptingSubscriptionAsync += async e =>
        {
            if (e.TopicFilter.Topic == "race/#")
            {
                await PublishRetainedAsync(publisher, "race/state", "during");
                await PublishRetainedAsync(publisher, "race/other", "new during");
            }
        };

        using var subscriber = await ConnectAsync(broker.Port, "race-subscriber");
        var received = Record(subscriber);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("race/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await WaitUntilAsync(() => received.Any(m => m == "race/state=during") && received.Any(m => m == "race/other=new during"));
        await PublishRetainedAsync(publisher, "race/state", "after");
        await WaitUntilAsync(() => received.Any(m => m == "race/state=after"));
        Assert.Equal("race/state=after", received.Last(m => m.StartsWith("race/state=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_quiet_subscribe_gets_each_retained_message_once()
    {
        await using var broker = await StartBrokerAsync();
        using var publisher = await ConnectAsync(broker.Port, "quiet-publisher");
        await PublishRetainedAsync(publisher, "quiet/a", "1");
        await PublishRetainedAsync(publisher, "quiet/b", "2");

        using var subscriber = await ConnectAsync(broker.Port, "quiet-subscriber");
        var received = Record(subscriber);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("quiet/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await WaitUntilAsync(() => received.Count >= 2);

        // A live message after the retained ones marks the point by which a duplicate would have come.
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("quiet/live").WithPayload("x").Build());
        await WaitUntilAsync(() => received.Contains("quiet/live=x"));
        Assert.Equal(["quiet/a=1", "quiet/b=2", "quiet/live=x"], received.Order(StringComparer.Ordinal));
    }

    private static async Task<EmbeddedMqttBroker> StartBrokerAsync()
    {
        var options = Options.Create(new MqttOptions { Host = "", EmbeddedBrokerPort = MosquittoFixture.FreePort() });
        var broker = new EmbeddedMqttBroker(options, NullLogger<EmbeddedMqttBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        return broker;
    }

    private static async Task<IMqttClient> ConnectAsync(int port, string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithCleanStart().Build());
        return client;
    }

    private static async Task PublishRetainedAsync(IMqttClient publisher, string topic, string payload)
    {
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    private static ConcurrentQueue<string> Record(IMqttClient client)
    {
        var received = new ConcurrentQueue<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.Topic + "=" + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        return received;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the subscriber did not receive the expected messages");
            }

            await Task.Delay(20);
        }
    }
}
