using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartCustoms.Perf.Bare;

/// <summary>
/// A bare MQTTnet publisher to the same broker: QoS 1 messages of the gateway's mean envelope size, each awaited
/// until its PUBACK (as the outbox does), for a fixed time. The publishing limit of this broker and machine.
/// </summary>
internal static class BarePublisher
{
    public static async Task<BareResult> RunAsync(int port, string topicRoot, int payloadBytes, double seconds)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("perf-bare-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build());
        var payload = new byte[Math.Max(payloadBytes, 16)];
        Array.Fill(payload, (byte)'x');
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topicRoot + "/bare")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        for (var i = 0; i < 100; i++)
        {
            await client.PublishAsync(message);
        }

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var result = await client.PublishAsync(message);
            if (result.IsSuccess)
            {
                sent++;
            }
        }

        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        await client.DisconnectAsync(new MqttClientDisconnectOptions());
        return new BareResult("bare MQTTnet QoS 1 publisher, one in flight", sent / wall, "PUBACKs/s", cpu / wall * 100,
            $"{payload.Length} B payload, {seconds:0} s, persistent subscriber on the same broker");
    }
}
