using System.Diagnostics;
using System.Globalization;
using MQTTnet;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.ScaleOut;

/// <summary>
/// Scale-out as docs/deployment.md describes it: three lane gateways (separate processes, --simulate, distinct
/// lane ids) on one site broker with per-lane ACLs; a central consumer group reads every lane through an
/// MQTT 5 shared subscription, and a lane's credentials cannot publish or read under another lane.
/// </summary>
public sealed class ThreeLanesOneBrokerTests(ITestOutputHelper output)
{
    private const string Site = "port7";
    private static readonly string[] Lanes = ["lane01", "lane02", "lane03"];
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);
    private int _restarts;

    [Fact]
    public async Task Three_gateways_publish_under_their_own_lane_and_a_shared_subscription_sees_all()
    {
        await using var site = await SiteBroker.StartAsync(Site, Lanes);
        var broker = site.Broker;

        // The central consumer group: two members share $share/central/…, the broker splits the messages.
        await using var centralA = await SiteClient.ConnectAsync(broker, SiteBroker.Central);
        await using var centralB = await SiteClient.ConnectAsync(broker, SiteBroker.Central);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await centralA.SubscribeAsync($"$share/central/sc/v1/{Site}/#"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await centralB.SubscribeAsync($"$share/central/sc/v1/{Site}/#"));
        // A plain subscriber as well, to check what did not get through.
        await using var audit = await SiteClient.ConnectAsync(broker, SiteBroker.Central);
        await audit.SubscribeAsync($"sc/v1/{Site}/#");

        var clock = Stopwatch.StartNew();
        var gateways = Lanes.Select(lane => GatewayProcess.Start([.. GatewayArguments(broker.Port, lane)])).ToList();
        try
        {
            IReadOnlyList<ReceivedMessage> Shared() => [.. centralA.Received, .. centralB.Received];
            bool EveryLaneSeen(IReadOnlyList<ReceivedMessage> messages) =>
                Lanes.All(lane => messages.Any(m => m.Topic.StartsWith($"sc/v1/{Site}/{lane}/event/", StringComparison.Ordinal)));

            await centralA.WaitUntilAsync(_ => EveryLaneSeen(Shared()) || RestartOrFail(gateways, broker.Port), Within, () =>
                "the shared subscription did not see events of all three lanes: " + Summary(Shared()) + GatewayOutput(gateways));
            Assert.True(EveryLaneSeen(Shared()));
            output.WriteLine($"events of all three lanes through $share/central after {clock.Elapsed.TotalSeconds:F1} s " +
                             $"(member A {centralA.Received.Count} messages, member B {centralB.Received.Count})");

            // Every message came from a lane of this site, and the group split them (each member got a share).
            Assert.All(Shared(), m => Assert.Matches($"^sc/v1/{Site}/lane0[1-3]/", m.Topic));
            await centralB.WaitUntilAsync(r => r.Count > 0 && centralA.Received.Count > 0, Within, () => "one member of the group got nothing");

            // lane01's credentials: its own topics pass, another lane's are refused, and nothing of it arrives.
            await using var lane01 = await SiteClient.ConnectAsync(broker, "lane01");
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
                await lane01.PublishAsync($"sc/v1/{Site}/lane02/event/detection", "spoofed-by-lane01"));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
                await lane01.PublishAsync($"sc/v1/{Site}/lane01/cmd/pause", "self-command"));
            Assert.Equal(MqttClientPublishReasonCode.Success,
                await lane01.PublishAsync($"sc/v1/{Site}/lane01/telemetry/probe", "marker-lane01"));
            await audit.WaitUntilAsync(r => r.Any(m => m.Payload == "marker-lane01"), Within, () => "lane01's own publish did not arrive");
            Assert.DoesNotContain(audit.Received, m => m.Payload is "spoofed-by-lane01" or "self-command");

            // …and it cannot read lane02: it subscribes, lane02 keeps publishing, none of it reaches lane01.
            await lane01.SubscribeAsync($"sc/v1/{Site}/lane02/#");
            var seenBefore = audit.Received.Count(m => m.Topic.StartsWith($"sc/v1/{Site}/lane02/", StringComparison.Ordinal));
            await audit.WaitUntilAsync(
                r => r.Count(m => m.Topic.StartsWith($"sc/v1/{Site}/lane02/", StringComparison.Ordinal)) > seenBefore + 2,
                Within, () => "lane02 published nothing more");
            Assert.Empty(lane01.Received);
            output.WriteLine($"whole test {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    private static List<string> GatewayArguments(int brokerPort, string lane)
    {
        var args = SimulatedGatewayArguments.Create("contaminated", brokerPort, embeddedBroker: false);
        // Later settings win over the helper's defaults. Small load: three gateways share two cores here.
        args.AddRange([
            "--Mqtt:Site=" + Site,
            "--Mqtt:Lane=" + lane,
            "--Mqtt:ClientId=sc-edge-" + Site + "-" + lane,
            "--Mqtt:Username=" + lane,
            "--Mqtt:Password=" + SiteBroker.Password,
            "--Simulator:NirLineRateHz=100",
            "--Simulator:CameraFps=2",
            "--Acquisition:Nir:SummaryInterval=00:00:01",
        ]);
        return args;
    }

    /// <summary>
    /// A gateway that stopped is a failure, except one whose simulator lost a free port to another test between
    /// the port probe and its bind (the suite runs classes in parallel): that one is started again, once.
    /// </summary>
    private bool RestartOrFail(List<GatewayProcess> gateways, int brokerPort)
    {
        for (var i = 0; i < gateways.Count; i++)
        {
            if (!gateways[i].HasExited)
            {
                continue;
            }

            var said = gateways[i].StandardOutput + "\n" + gateways[i].StandardError;
            Assert.True(_restarts < Lanes.Length && said.Contains("address already in use", StringComparison.OrdinalIgnoreCase),
                $"gateway {Lanes[i]} stopped (exit code {gateways[i].ExitCode}):\n{said}");
            output.WriteLine($"gateway {Lanes[i]} lost a port at start, started again: {said.Split('\n').LastOrDefault(l => l.Length > 0)}");
            _restarts++;
            gateways[i].DisposeAsync().AsTask().GetAwaiter().GetResult();
            gateways[i] = GatewayProcess.Start([.. GatewayArguments(brokerPort, Lanes[i])]);
        }

        return false;
    }

    private static string Summary(IReadOnlyList<ReceivedMessage> messages) =>
        string.Join(", ", messages.GroupBy(m => string.Join('/', m.Topic.Split('/').Take(5)))
            .Select(g => g.Key + " x" + g.Count().ToString(CultureInfo.InvariantCulture)));

    private static string GatewayOutput(IEnumerable<GatewayProcess> gateways) =>
        string.Concat(gateways.Select(g => $"\n--- gateway exited={g.HasExited}\n{g.StandardOutput}\n{g.StandardError}"));
}
