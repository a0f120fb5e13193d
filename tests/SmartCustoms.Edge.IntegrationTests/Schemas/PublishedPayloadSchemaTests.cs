using System.Diagnostics;
using MQTTnet.Protocol;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.Schemas;

/// <summary>
/// What the gateway actually sends (--simulate, scenario contaminated, real mosquitto, a lot run by commands)
/// matches the shipped JSON Schemas, carries the MQTT 5 properties of the contract, and seq is gapless over
/// everything stored.
/// </summary>
public sealed class PublishedPayloadSchemaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] MustSee =
    [
        "sc.event.detection/1", "sc.event.spectra/1", "sc.event.calibration/1", "sc.event.segment/1", "sc.event.lot/1",
        "sc.event.increment/1", "sc.device.state/1", "sc.lane.state/1", "sc.lot.verdict/1",
    ];

    private readonly MosquittoFixture _broker = new();

    public Task InitializeAsync() => _broker.InitializeAsync();

    public Task DisposeAsync() => _broker.DisposeAsync();

    [Fact]
    public async Task Every_message_the_simulated_gateway_publishes_matches_its_schema_and_seq_is_gapless()
    {
        var schemas = PayloadSchemas.Instance;
        var args = SimulatedGatewayArguments.Create("contaminated", _broker.Port, embeddedBroker: false);
        var root = SimulatedGatewayArguments.TopicRoot(args);
        await using var central = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port, "sc/v1/#");
        await using var gateway = GatewayProcess.Start([.. args]);
        using var events = new StoredEventsClient(await StoredEventsClient.AddressOfAsync(gateway, TimeSpan.FromSeconds(60)));
        var clock = Stopwatch.StartNew();

        await central.WaitForAsync(m => m.Topic == root + "/state", TimeSpan.FromSeconds(30), "lane online");
        var replies = new List<ReceivedMessage>
        {
            await central.RequestAsync(root + "/cmd/start-lot",
                """{"lotId":"SCHEMA-1","declarationNumber":"D-77","vessel":"MV Schema","declaredBrand":"PB fines","declaredMassTonnes":5000,"hsCode":"2601.11"}""",
                TimeSpan.FromSeconds(10)),
        };
        await central.WaitForAsync(m => m.Topic.StartsWith(root + "/event/increment", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "an increment");
        replies.Add(await central.RequestAsync(root + "/cmd/request-increment", """{"reason":"schema test"}""", TimeSpan.FromSeconds(10)));
        replies.Add(await central.RequestAsync(root + "/cmd/no-such-command", "{}", TimeSpan.FromSeconds(10)));
        await central.WaitUntilAsync(r => MustSee.All(s => r.Any(m => m.UserProperties.GetValueOrDefault("schema") == s)),
            TimeSpan.FromSeconds(90), "every kind of message: " + string.Join(", ", MustSee));
        replies.Add(await central.RequestAsync(root + "/cmd/end-lot", "{}", TimeSpan.FromSeconds(10)));
        await central.WaitForAsync(m => m.Topic == root + "/lot/SCHEMA-1/verdict" && m.Payload.Contains("\"event\":\"ended\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the final lot verdict");

        // Everything stored so far must have been sent; then a clean stop publishes the offline state (with a seq).
        var all = await events.ReadAllAsync();
        await central.WaitUntilAsync(r => all.All(e => r.Any(m => m.Seq == e.Seq)), TimeSpan.FromSeconds(30),
            $"every stored event up to seq {all[^1].Seq} received");
        gateway.Terminate();
        Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await central.WaitForAsync(m => m.Topic == root + "/state" && m.Payload.Contains("\"online\":false", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "offline state on a clean stop");

        foreach (var reply in replies)
        {
            schemas.AssertValid(PayloadSchemas.CommandReply, reply.Payload, "reply on " + reply.Topic);
        }

        Assert.Contains("\"ok\":true", replies[0].Payload, StringComparison.Ordinal);
        Assert.Contains("\"ok\":false", replies[2].Payload, StringComparison.Ordinal);

        var published = central.Received.Where(m => m.Topic.StartsWith(root + "/", StringComparison.Ordinal) && !m.Topic.StartsWith(root + "/cmd/", StringComparison.Ordinal)).ToList();
        foreach (var message in published)
        {
            var where = $"{message.Topic} (QoS {(int)message.QoS})";
            Assert.True(message.UserProperties.TryGetValue("schema", out var schema), where + " has no 'schema' user property: " + message.Payload);
            schemas.AssertValid(schema, message.Payload, where);
            var envelope = message.Json;
            Assert.Equal(schema, envelope.GetProperty("schema").GetString());
            if (message.QoS == MqttQualityOfServiceLevel.AtLeastOnce)
            {
                Assert.Equal("application/json", message.ContentType);
                Assert.True(message.UserProperties.TryGetValue("id", out var id), where + " has no 'id' user property");
                Assert.Equal(envelope.GetProperty("id").GetString(), id);
            }
        }

        // seq is gapless over everything stored, and what was sent is what was stored.
        var report = DeliveryReport.Compare(all, published.Where(m => m.Seq is not null && m.Seq <= all[^1].Seq));
        var bySchema = string.Join(", ", published.GroupBy(m => m.UserProperties["schema"]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
        output.WriteLine($"{published.Count} messages validated in {clock.Elapsed.TotalSeconds:F0} s: {bySchema}");
        output.WriteLine(report.Summary);
        foreach (var e in all)
        {
            schemas.AssertValid(e.Schema, e.Json, $"stored seq {e.Seq}");
        }

        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Seq));
        report.AssertComplete();
    }
}
