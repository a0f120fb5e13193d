using System.Diagnostics;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.Reliability;

/// <summary>
/// Issue 7 acceptance: the gateway is killed with SIGKILL at random (seeded) moments, at least 20 times, and
/// restarted on the same Storage:Path each time; afterwards every event that was stored reaches a persistent
/// subscriber. SC_TEST_KILL_CYCLES (default 20) and SC_TEST_KILL_SEED (default 7) change the run.
/// </summary>
public sealed class GatewayKillTests(ITestOutputHelper output) : BrokerAndStoreTest("sc-kill-")
{
    private const string Token = "kill-test-token";
    [Fact]
    public async Task Gateway_killed_at_random_moments_20_times_loses_no_stored_event()
    {
        var cycles = TestSettings.WholeNumber("SC_TEST_KILL_CYCLES", 20, 1);
        var seed = TestSettings.WholeNumber("SC_TEST_KILL_SEED", 7, 0);
        var random = new Random(seed);
        var laneArg = SimulatedGatewayArguments.Create("contaminated", Broker.Port, embeddedBroker: false, Storage)
            .Single(a => a.StartsWith("--Mqtt:Lane=", StringComparison.Ordinal));
        var root = SimulatedGatewayArguments.TopicRoot([laneArg]);
        await using var subscriber = await TestMqttClient.ConnectAsync(Broker.Host, Broker.Port, root + "/#", persistent: true);
        var clock = Stopwatch.StartNew();
        var killedAfterStart = 0;
        var requests = 0;

        for (var cycle = 0; cycle < cycles; cycle++)
        {
            // Fresh simulator ports each time (the killed process's sockets may linger), same lane and store.
            await using var gateway = GatewayProcess.Start([.. ArgumentsFor(laneArg)]);
            var moment = TimeSpan.FromMilliseconds(random.Next(500, 6000));
            var started = Stopwatch.StartNew();
            using var stopLoad = new CancellationTokenSource();
            Task<int>? load = null;
            while (started.Elapsed < moment && !gateway.HasExited)
            {
                // Once the API is up, operator commands keep the store and the outbox busy, so kills land mid-write.
                if (load is null && StoredEventsClient.TryAddressOf(gateway) is { } address)
                {
                    load = LoadAsync(address, stopLoad.Token);
                }

                await Task.Delay(10);
            }

            if (gateway.HasExited)
            {
                Assert.Fail($"cycle {cycle}: the gateway exited by itself (code {gateway.ExitCode}): {gateway.StandardOutput}\n{gateway.StandardError}");
            }
            if (gateway.StandardOutput.Contains("UI and HTTP API: ", StringComparison.Ordinal))
            {
                killedAfterStart++;
            }

            await gateway.KillHardAsync();
            await stopLoad.CancelAsync();
            requests += load is null ? 0 : await load.ConfigureAwait(true);
        }

        var killing = clock.Elapsed;
        await using var survivor = GatewayProcess.Start([.. ArgumentsFor(laneArg)]);
        using var events = new StoredEventsClient(await StoredEventsClient.AddressOfAsync(survivor, TimeSpan.FromSeconds(60)));
        var stored = await events.ReadAllAsync();
        var seqs = new ReceivedSeqs();
        Assert.NotEmpty(stored);
        await subscriber.WaitUntilAsync(r => seqs.ContainsAll(r, stored), TimeSpan.FromSeconds(60),
            $"every one of the {stored.Count} stored events (up to seq {stored[^1].Seq}) delivered");
        survivor.Terminate();
        await survivor.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var received = subscriber.Received.Where(m => m.Topic.StartsWith(root + "/", StringComparison.Ordinal) && !m.Topic.StartsWith(root + "/cmd/", StringComparison.Ordinal)).ToList();
        var report = DeliveryReport.Compare(stored, received.Where(m => m.Seq is null || m.Seq <= stored[^1].Seq));
        var wills = received.Count(m => m.Seq is null && m.Topic == root + "/state");
        output.WriteLine($"seed {seed}: {cycles} SIGKILLs ({killedAfterStart} after the HTTP API was up) in {killing.TotalSeconds:F0} s, {requests} HTTP commands as load; Last Wills seen {wills}");
        output.WriteLine(report.Summary);
        foreach (var message in received)
        {
            PayloadSchemas.Instance.AssertValid(message.UserProperties.GetValueOrDefault("schema") ?? "?", message.Payload, message.Topic);
        }

        report.AssertComplete();
    }

    private List<string> ArgumentsFor(string laneArg) =>
        [.. SimulatedGatewayArguments.Create("contaminated", Broker.Port, embeddedBroker: false, Storage)
            .Select(a => a.StartsWith("--Mqtt:Lane=", StringComparison.Ordinal) ? laneArg : a), "--Commands:Tokens:0=" + Token];

    /// <summary>Manual increment requests back to back (each stores an event) until cancelled or the gateway dies; returns how many were answered.</summary>
    private static async Task<int> LoadAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new StoredEventsClient(address);
        var answered = 0;
        try
        {
            // Increments need an open lot (a lot still open from before the kill makes this a refusal, which is fine).
            await client.CommandAsync("start-lot",
                $$"""{"lotId":"KILL-{{Guid.NewGuid().ToString("N")[..8]}}","declarationNumber":"D-1","vessel":"MV Kill","declaredBrand":"PB fines","declaredMassTonnes":5000,"hsCode":"2601.11"}""",
                Token, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                await client.CommandAsync("request-increment", """{"reason":"kill test load"}""", Token, cancellationToken);
                answered++;
                await Task.Delay(20, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // The gateway was killed under it, or the cycle ended.
        }

        return answered;
    }
}
