using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.IntegrationTests.Messaging;

/// <summary>The gateway with <c>Mqtt:Host</c> empty: it runs the MQTTnet broker itself on loopback.</summary>
public sealed class EmbeddedBrokerTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EmptyHost_StartsEmbeddedBroker_AndEventsAndCommandsFlowThroughIt()
    {
        var handler = new RecordingCommandHandler();
        var port = MosquittoFixture.FreePort();
        await using var gateway = await GatewayHost.StartAsync(brokerHost: null, port,
            s => s.AddSingleton<ICommandHandler>(handler));
        var broker = gateway.Services.GetRequiredService<EmbeddedMqttBroker>();
        Assert.Equal(port, broker.Port);
        await gateway.WaitDrainedAsync(Within);

        await using var central = await TestMqttClient.ConnectAsync("127.0.0.1", port, GatewayHost.Root + "/#");
        var retained = await central.WaitForAsync(m => m.Topic == GatewayHost.Root + "/state" && m.Retain, Within,
            "retained online state kept by the embedded broker");
        Assert.True(retained.Json.GetProperty("data").GetProperty("online").GetBoolean());

        var stored = await gateway.Store.AppendAsync(EventDraft.ForAlarm(new JsonObject { ["kind"] = "radiation" }));
        var alarm = await central.WaitForAsync(m => m.Topic == GatewayHost.Root + "/event/alarm", Within, "alarm");
        Assert.Equal(stored.EnvelopeJson, alarm.Payload);

        var reply = await central.RequestAsync(GatewayHost.Root + "/cmd/set-mode", """{"mode":"maintenance"}""", Within);
        Assert.Equal("""{"ok":true}""", reply.Payload);
    }
}
