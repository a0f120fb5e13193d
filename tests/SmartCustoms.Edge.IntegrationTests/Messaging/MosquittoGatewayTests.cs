using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.Protocol;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.IntegrationTests.Messaging;

/// <summary>The store + MQTT layer against a real mosquitto (one per test, fresh retained state).</summary>
public sealed class MosquittoGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly MosquittoFixture _broker = new();

    public Task InitializeAsync() => _broker.InitializeAsync();

    public Task DisposeAsync() => _broker.DisposeAsync();

    [Fact]
    public async Task StoredEvents_ArePublishedWithEnvelopeUserPropertiesAndContentType()
    {
        await using var central = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port, GatewayHost.Root + "/#");
        await using var gateway = await GatewayHost.StartAsync(_broker.Host, _broker.Port);

        var stored = new List<StoredEvent>();
        for (var i = 0; i < 3; i++)
        {
            stored.Add(await gateway.Store.AppendAsync(EventDraft.ForEvent("detection",
                new JsonObject { ["n"] = i, ["material"] = "plastic" }, lot: "L7")));
        }

        await central.WaitUntilAsync(r => r.Count(m => m.Topic.EndsWith("/event/detection", StringComparison.Ordinal)) >= 3,
            Within, "three detections");
        var detections = central.Received.Where(m => m.Topic == GatewayHost.Root + "/event/detection").ToList();
        Assert.Equal(stored.Select(s => s.Seq), detections.Select(d => d.Seq!.Value));
        foreach (var (message, expected) in detections.Zip(stored))
        {
            Assert.Equal(expected.EnvelopeJson, message.Payload);
            Assert.Equal("application/json", message.ContentType);
            Assert.Equal("sc.event.detection/1", message.UserProperties["schema"]);
            Assert.Equal(expected.Id, message.UserProperties["id"]);
            Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, message.QoS);
            Assert.False(message.Retain);
            var json = message.Json;
            Assert.Equal("pier7", json.GetProperty("site").GetString());
            Assert.Equal("lane2", json.GetProperty("lane").GetString());
            Assert.Equal("L7", json.GetProperty("lot").GetString());
        }

        // The online state went through the store, so it carries a seq too; being critical it leaves the
        // outbox before the detections even when they were stored first.
        var received = central.Received.ToList();
        var online = received.First(m => m.Topic == GatewayHost.Root + "/state");
        Assert.True(online.Json.GetProperty("data").GetProperty("online").GetBoolean());
        Assert.NotNull(online.Seq);
        Assert.True(received.IndexOf(online) < received.IndexOf(detections[0]));
        await gateway.WaitDrainedAsync(Within);
    }

    [Fact]
    public async Task OnlineState_IsRetained_ForLateSubscribers()
    {
        await using var gateway = await GatewayHost.StartAsync(_broker.Host, _broker.Port);
        await gateway.WaitDrainedAsync(Within);

        await using var late = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port, GatewayHost.Root + "/state");
        var state = await late.WaitForAsync(m => m.Topic == GatewayHost.Root + "/state", Within, "retained state");
        Assert.True(state.Retain);
        Assert.True(state.Json.GetProperty("data").GetProperty("online").GetBoolean());
        Assert.Equal("sc.lane.state/1", state.UserProperties["schema"]);
    }

    [Fact]
    public async Task LastWill_IsPublished_WhenTheConnectionDropsWithoutDisconnect()
    {
        await using var proxy = new TcpProxy(_broker.Host, _broker.Port);
        await using var gateway = await GatewayHost.StartAsync("127.0.0.1", proxy.Port);
        await gateway.WaitDrainedAsync(Within);
        await using var central = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port, GatewayHost.Root + "/state");
        await central.WaitForAsync(m => m.Retain, Within, "retained online state");

        proxy.DropConnections();

        var will = await central.WaitForAsync(
            m => m.Json.GetProperty("data").GetProperty("online").GetBoolean() == false, Within, "the Last Will");
        Assert.Null(will.Seq); // the broker publishes the will: it has no place in the outbox sequence
        Assert.Equal("connection lost", will.Json.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("sc.lane.state/1", will.UserProperties["schema"]);

        // The gateway reconnects by itself and says it is online again, with a new seq.
        var again = await central.WaitForAsync(
            m => m.Seq is not null && m.Json.GetProperty("data").GetProperty("online").GetBoolean() &&
                 central.Received.ToList().IndexOf(m) > central.Received.ToList().IndexOf(will),
            Within, "online again after reconnect");
        Assert.True(proxy.Accepted >= 2);
        Assert.NotNull(again.Seq);
    }

    [Fact]
    public async Task CleanStop_PublishesRetainedOfflineState_WithASeq()
    {
        var gateway = await GatewayHost.StartAsync(_broker.Host, _broker.Port);
        await gateway.WaitDrainedAsync(Within);
        var lastSeq = gateway.Store.LastSeq;
        await gateway.DisposeAsync();

        await using var late = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port, GatewayHost.Root + "/state");
        var state = await late.WaitForAsync(m => m.Topic == GatewayHost.Root + "/state", Within, "retained state");
        var data = state.Json.GetProperty("data");
        Assert.False(data.GetProperty("online").GetBoolean());
        Assert.Equal("shutdown", data.GetProperty("reason").GetString());
        Assert.Equal(lastSeq + 1, state.Seq); // the explicit offline message, not the will (which has no seq)
    }

    [Fact]
    public async Task BrokerOutage_EventsStoredMeanwhile_AreAllDeliveredInOrder()
    {
        await using var central = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port,
            GatewayHost.Root + "/event/#", persistent: true);
        await using var gateway = await GatewayHost.StartAsync(_broker.Host, _broker.Port);
        await gateway.WaitDrainedAsync(Within);

        var before = new List<StoredEvent>();
        for (var i = 0; i < 50; i++)
        {
            before.Add(await gateway.Store.AppendAsync(EventDraft.ForEvent("detection", new JsonObject { ["i"] = i })));
        }

        await _broker.StopAsync();
        var during = await Task.WhenAll(Enumerable.Range(50, 300).Select(i =>
            gateway.Store.AppendAsync(EventDraft.ForEvent("detection", new JsonObject { ["i"] = i }))));
        Assert.True(gateway.Store.PendingCount > 0);

        await _broker.StartAsync();
        await central.ReconnectAsync(Within);
        await gateway.WaitDrainedAsync(Within);

        var expected = before.Concat(during).Select(e => e.Seq).Order().ToList();
        await central.WaitUntilAsync(r => r.Select(m => m.Seq).Distinct().Count() >= expected.Count, Within,
            $"{expected.Count} distinct events");

        // No loss, and in order: the first delivery of each id comes in ascending seq.
        var firstSeen = central.Received
            .Where(m => m.Topic.EndsWith("/event/detection", StringComparison.Ordinal))
            .DistinctBy(m => m.UserProperties["id"])
            .Select(m => m.Seq!.Value)
            .ToList();
        Assert.Equal(expected, firstSeen);
    }

    [Fact]
    public async Task Command_RoundTrip_RepliesOnResponseTopicWithCorrelationData()
    {
        var handler = new RecordingCommandHandler();
        await using var gateway = await GatewayHost.StartAsync(_broker.Host, _broker.Port,
            s => s.AddSingleton<ICommandHandler>(handler));
        await gateway.WaitDrainedAsync(Within);
        await using var central = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port, "");

        var reply = await central.RequestAsync(GatewayHost.Root + "/cmd/start-lot",
            """{"lotId":"L42","declaration":"D-1","vessel":"Ore Star","brand":"PB","massT":180000,"hsCode":"2601"}""",
            Within, sender: "central-ops");

        Assert.Equal("""{"ok":true}""", reply.Payload);
        Assert.Equal("application/json", reply.ContentType);
        var command = Assert.Single(handler.Commands);
        Assert.Equal("start-lot", command.Name);
        Assert.Equal("L42", command.Payload.GetProperty("lotId").GetString());
        Assert.Equal("central-ops", command.Sender);

        var unknown = await central.RequestAsync(GatewayHost.Root + "/cmd/fly-to-moon", "{}", Within);
        Assert.False(unknown.Json.GetProperty("ok").GetBoolean());
        Assert.Equal("unknown command 'fly-to-moon'", unknown.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task MalformedOrOversizedCommand_GetsAClearErrorReply_AndNeverReachesTheHandler()
    {
        var handler = new RecordingCommandHandler();
        await using var gateway = await GatewayHost.StartAsync(_broker.Host, _broker.Port,
            s => s.AddSingleton<ICommandHandler>(handler),
            new Dictionary<string, string?> { ["Mqtt:MaxCommandBytes"] = "1024" });
        await gateway.WaitDrainedAsync(Within);
        await using var central = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port, "");

        var malformed = await central.RequestAsync(GatewayHost.Root + "/cmd/start-lot", "{lotId: L1", Within);
        Assert.False(malformed.Json.GetProperty("ok").GetBoolean());
        Assert.Contains("not valid JSON", malformed.Json.GetProperty("error").GetString(), StringComparison.Ordinal);

        var array = await central.RequestAsync(GatewayHost.Root + "/cmd/start-lot", "[1,2]", Within);
        Assert.Contains("must be a JSON object", array.Json.GetProperty("error").GetString(), StringComparison.Ordinal);

        var big = await central.RequestAsync(GatewayHost.Root + "/cmd/start-lot",
            JsonSerializer.Serialize(new { note = new string('x', 2000) }), Within);
        Assert.Contains("limit of 1024", big.Json.GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.Empty(handler.Commands);

        // No response topic: refused (the sender could never learn the outcome). Commands are handled in
        // order, so once the next command's reply is in, the first one has been dealt with.
        await central.SendAsync(GatewayHost.Root + "/cmd/set-mode", """{"mode":"run"}""");
        var next = await central.RequestAsync(GatewayHost.Root + "/cmd/set-mode", """{"mode":"maintenance"}""", Within);
        Assert.Equal("""{"ok":true}""", next.Payload);
        var only = Assert.Single(handler.Commands);
        Assert.Equal("maintenance", only.Payload.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Telemetry_IsQoS0_WithoutSeq()
    {
        await using var central = await TestMqttClient.ConnectAsync(_broker.Host, _broker.Port,
            GatewayHost.Root + "/telemetry/#");
        await using var gateway = await GatewayHost.StartAsync(_broker.Host, _broker.Port);
        await gateway.WaitDrainedAsync(Within);
        var telemetry = gateway.Services.GetRequiredService<ITelemetryPublisher>();

        Assert.True(await telemetry.PublishAsync("flow", new JsonObject { ["tph"] = 6200.5 }));
        var message = await central.WaitForAsync(m => m.Topic == GatewayHost.Root + "/telemetry/flow", Within, "flow");
        Assert.Null(message.Seq);
        Assert.Equal(6200.5, message.Json.GetProperty("data").GetProperty("tph").GetDouble());
        Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, message.QoS);

        await _broker.StopAsync();
        await WaitAsync(() => !gateway.Connection.IsConnected);
        Assert.False(await telemetry.PublishAsync("flow", new JsonObject { ["tph"] = 1 }));
        Assert.Equal(1, telemetry.Dropped);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Within, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
