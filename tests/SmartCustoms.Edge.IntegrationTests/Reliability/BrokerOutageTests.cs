using System.Diagnostics;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.Reliability;

/// <summary>
/// Issue 7 acceptance: the broker is stopped for 2 minutes while the lane keeps producing (plus a stream of
/// operator commands over HTTP, each of which stores an event), then restarted; a persistent subscriber gets
/// every stored event, duplicates only as re-sends of the same id, order kept within each outbox priority class.
/// SC_TEST_BROKER_OUTAGE_SECONDS shortens the outage locally (default 120).
/// </summary>
public sealed class BrokerOutageTests(ITestOutputHelper output) : BrokerAndStoreTest("sc-outage-")
{
    private const string Token = "outage-test-token";
    [Fact]
    public async Task Broker_down_for_two_minutes_under_load_loses_nothing_for_a_persistent_subscriber()
    {
        var outage = TimeSpan.FromSeconds(TestSettings.WholeNumber("SC_TEST_BROKER_OUTAGE_SECONDS", 120, 1));
        var args = SimulatedGatewayArguments.Create("contaminated", Broker.Port, embeddedBroker: false, Storage);
        args.Add("--Acquisition:Nir:SummaryInterval=00:00:01");
        args.Add("--Commands:Tokens:0=" + Token);
        var root = SimulatedGatewayArguments.TopicRoot(args);
        await using var subscriber = await TestMqttClient.ConnectAsync(Broker.Host, Broker.Port, root + "/#", persistent: true);
        await using var gateway = GatewayProcess.Start([.. args]);
        using var events = new StoredEventsClient(await StoredEventsClient.AddressOfAsync(gateway, TimeSpan.FromSeconds(60)));

        await subscriber.WaitForAsync(m => m.Topic == root + "/state", TimeSpan.FromSeconds(30), "lane online");
        var reply = await events.CommandAsync("start-lot",
            """{"lotId":"OUTAGE-1","declarationNumber":"D-1","vessel":"MV Outage","declaredBrand":"PB fines","declaredMassTonnes":5000,"hsCode":"2601.11"}""", Token);
        Assert.Contains("\"ok\":true", reply, StringComparison.Ordinal);

        // Load: manual increment requests about every 50 ms, each stored as an increment event (taken or refused).
        using var stopLoad = new CancellationTokenSource();
        var requests = 0;
        var load = Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                await events.CommandAsync("request-increment", """{"reason":"load"}""", Token, stopLoad.Token);
                Interlocked.Increment(ref requests);
                await Task.Delay(50, stopLoad.Token);
            }
        });
        await subscriber.WaitUntilAsync(r => r.Count(m => m.Seq is not null) >= 50, TimeSpan.FromSeconds(60), "50 events before the outage");

        var beforeOutage = (await events.ReadAllAsync()).Count;
        await Broker.StopAsync();
        var down = Stopwatch.StartNew();
        // The outage length is the test's parameter, not a wait for a condition; the gateway must stay up meanwhile.
        while (down.Elapsed < outage)
        {
            Assert.False(gateway.HasExited, "gateway exited during the outage: " + gateway.StandardError);
            Assert.False(load.IsFaulted, "the load stopped: " + load.Exception);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var atRestart = await events.ReadAllAsync();
        var lastSeqBeforeRestart = subscriber.Received.Max(m => m.Seq ?? 0);
        var seqs = new ReceivedSeqs();
        Assert.False(seqs.ContainsAll(subscriber.Received, atRestart));
        var backlog = atRestart.Count - beforeOutage;
        await Broker.StartAsync();
        var up = Stopwatch.StartNew();
        await subscriber.ReconnectAsync(TimeSpan.FromSeconds(30));

        // Drain: from the first message after the restart (the gateway's reconnect backoff comes first) to the last
        // event stored during the outage.
        TimeSpan? firstAfterRestart = null;
        while (!seqs.ContainsAll(subscriber.Received, atRestart))
        {
            firstAfterRestart ??= subscriber.Received is [.., var newest] && newest.Seq > lastSeqBeforeRestart ? up.Elapsed : null;
            Assert.True(up.Elapsed < TimeSpan.FromSeconds(120), $"the events stored while the broker was down (up to seq {atRestart[^1].Seq}) not delivered within 120 s of the restart");
            await Task.Delay(10);
        }

        var drained = up.Elapsed;
        firstAfterRestart ??= drained;
        await stopLoad.CancelAsync();
        try
        {
            await load;
        }
        catch (OperationCanceledException)
        {
            // The load stops when cancelled.
        }

        var final = await events.ReadAllAsync();
        await subscriber.WaitUntilAsync(r => seqs.ContainsAll(r, final), TimeSpan.FromSeconds(30), "every stored event delivered");
        gateway.Terminate();
        await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var received = subscriber.Received.Where(m => m.Topic.StartsWith(root + "/", StringComparison.Ordinal) && !m.Topic.StartsWith(root + "/cmd/", StringComparison.Ordinal)).ToList();
        var report = DeliveryReport.Compare(final, received.Where(m => m.Seq is null || m.Seq <= final[^1].Seq));
        var drainSeconds = Math.Max((drained - firstAfterRestart.Value).TotalSeconds, 0.001);
        output.WriteLine($"outage {outage.TotalSeconds:F0} s; {requests} HTTP commands as load; stored before the outage {beforeOutage}, during it {backlog} " +
                         $"({backlog / outage.TotalSeconds:F1} events/s)");
        output.WriteLine($"after the restart: first event of the backlog at {firstAfterRestart.Value.TotalSeconds:F1} s (gateway reconnect backoff), backlog delivered at {drained.TotalSeconds:F1} s: " +
                         $"drain {backlog / drainSeconds:F0} events/s (while the lane and the load kept producing)");
        output.WriteLine(report.Summary);
        foreach (var message in received)
        {
            PayloadSchemas.Instance.AssertValid(message.UserProperties.GetValueOrDefault("schema") ?? "?", message.Payload, message.Topic);
        }

        Assert.True(backlog > 0, "the lane stored nothing during the outage: no load");
        report.AssertComplete();
    }
}
