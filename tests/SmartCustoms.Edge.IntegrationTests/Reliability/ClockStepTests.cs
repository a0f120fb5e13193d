using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.IntegrationTests.Reliability;

/// <summary>
/// Issue 10: the wall clock stepped +1 h and then back to −1 h during a run changes no ordering and drops no
/// connection. The machine's clock cannot be stepped safely (other processes share it), so the gateway process
/// runs with <c>Testing:Clock:Steps</c>, which steps its <see cref="TimeProvider"/>'s wall clock while the
/// monotonic clock and timers run on, exactly what a real CLOCK_REALTIME step does to a process. Code that reads
/// the wall clock without the TimeProvider (MQTTnet, LiteDB, Serilog inside) does not see the step.
/// </summary>
public sealed class ClockStepTests(ITestOutputHelper output) : BrokerAndStoreTest("sc-clock-")
{
    private static readonly TimeSpan StepForwardAt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StepBackAt = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(32);
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Wall_clock_stepped_plus_and_minus_one_hour_keeps_seq_order_outbox_connection_and_timers()
    {
        var args = SimulatedGatewayArguments.Create("contaminated", Broker.Port, embeddedBroker: false, Storage);
        args.Add("--Acquisition:Nir:SummaryInterval=" + SummaryInterval.ToString("c", CultureInfo.InvariantCulture));
        // A short keep-alive makes the client ping the broker many times across both steps.
        args.Add("--Mqtt:KeepAlive=00:00:02");
        args.Add("--Testing:Clock:Steps:0:After=" + StepForwardAt.ToString("c", CultureInfo.InvariantCulture));
        args.Add("--Testing:Clock:Steps:0:Offset=01:00:00");
        args.Add("--Testing:Clock:Steps:1:After=" + StepBackAt.ToString("c", CultureInfo.InvariantCulture));
        args.Add("--Testing:Clock:Steps:1:Offset=-01:00:00");
        var root = SimulatedGatewayArguments.TopicRoot(args);
        await using var subscriber = await TestMqttClient.ConnectAsync(Broker.Host, Broker.Port, root + "/#", persistent: true);
        await using var gateway = GatewayProcess.Start([.. args]);
        using var events = new StoredEventsClient(await StoredEventsClient.AddressOfAsync(gateway, TimeSpan.FromSeconds(60)));
        await subscriber.WaitForAsync(m => m.Topic == root + "/state", TimeSpan.FromSeconds(30), "lane online");

        // Watch the spectra summaries (a TimeProvider timer in the gateway) arrive, on the test's monotonic clock.
        var run = Stopwatch.StartNew();
        var lastSummaryAt = TimeSpan.Zero;
        var longestSummaryGap = TimeSpan.Zero;
        var summaries = 0;
        while (run.Elapsed < RunFor)
        {
            Assert.False(gateway.HasExited, "gateway exited: " + gateway.StandardError);
            var now = subscriber.Received.Count(m => m.Topic == root + "/event/spectra");
            if (now != summaries)
            {
                if (summaries > 0)
                {
                    longestSummaryGap = TimeSpan.FromTicks(Math.Max(longestSummaryGap.Ticks, (run.Elapsed - lastSummaryAt).Ticks));
                }

                summaries = now;
                lastSummaryAt = run.Elapsed;
            }

            await Task.Delay(100);
        }

        longestSummaryGap = TimeSpan.FromTicks(Math.Max(longestSummaryGap.Ticks, (run.Elapsed - lastSummaryAt).Ticks));
        var stored = await events.ReadAllAsync();
        var seqs = new ReceivedSeqs();
        await subscriber.WaitUntilAsync(r => seqs.ContainsAll(r, stored), TimeSpan.FromSeconds(30), "every stored event delivered");
        gateway.Terminate();
        await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var received = subscriber.Received.Where(m => !m.Topic.StartsWith(root + "/cmd/", StringComparison.Ordinal)).ToList();
        var report = DeliveryReport.Compare(stored, received.Where(m => m.Seq is null || m.Seq <= stored[^1].Seq));
        var online = received.Count(m => m.Topic == root + "/state" && m.Seq is not null && m.Payload.Contains("\"online\":true", StringComparison.Ordinal));
        var wills = received.Count(m => m.Topic == root + "/state" && m.Seq is null);
        var stamps = stored.Select(e => (e.Seq, Ts: TimestampOf(e.Json))).ToList();
        var realNow = DateTimeOffset.UtcNow;
        var ahead = stamps.Count(s => s.Ts > realNow.AddMinutes(50));
        var behind = stamps.Count(s => s.Ts < realNow.AddMinutes(-50));
        var downs = DownsAfterUp(stored);

        output.WriteLine($"{stored.Count} events stored; ts +1 h ahead on {ahead}, −1 h behind on {behind}; lane online messages {online}, Last Wills {wills}; " +
                         $"{summaries} spectra summaries, longest gap {longestSummaryGap.TotalSeconds:F1} s; device downs {downs.Count}");
        output.WriteLine(report.Summary);

        // The steps happened (else this test proves nothing): events carry the stepped wall clock both ways.
        Assert.True(ahead > 0, "no event stamped about +1 h ahead: the clock step did not reach the gateway's TimeProvider");
        Assert.True(behind > 0, "no event stamped about −1 h behind: the backward clock step did not reach the gateway's TimeProvider");
        // Ordering is by seq, not by wall clock: gapless, in order within each priority, nothing lost.
        Assert.Equal(stored.Select(s => s.Seq).Order(), stored.Select(s => s.Seq));
        report.AssertComplete();
        // One connection for the whole run: a keep-alive or timer upset by the step would reconnect (a second
        // "online" message) or let the broker publish the Last Will.
        Assert.Equal(1, online);
        Assert.Equal(0, wills);
        // The summary timer kept ticking through both steps (a wall-clock timer would pause an hour or fire at once).
        Assert.True(longestSummaryGap < SummaryInterval * 5, $"spectra summaries paused for {longestSummaryGap.TotalSeconds:F1} s around a clock step");
        Assert.True(summaries >= (RunFor.TotalSeconds / SummaryInterval.TotalSeconds) / 2, $"only {summaries} spectra summaries in {RunFor.TotalSeconds} s");
        Assert.True(downs.Count == 0, "a device went down after it was up: " + string.Join(" | ", downs));
    }

    /// <summary>Device states that went down after the device had been up ("not connected yet" at start is not a drop).</summary>
    private static List<string> DownsAfterUp(IEnumerable<StoredEnvelope> stored)
    {
        var up = new HashSet<string>(StringComparer.Ordinal);
        var downs = new List<string>();
        foreach (var e in stored.Where(e => e.Schema == "sc.device.state/1"))
        {
            using var document = JsonDocument.Parse(e.Json);
            var data = document.RootElement.GetProperty("data");
            var device = data.GetProperty("device").GetString()!;
            var state = data.GetProperty("state").GetString();
            if (state == "up")
            {
                up.Add(device);
            }
            else if (state == "down" && up.Contains(device))
            {
                downs.Add(e.Json);
            }
        }

        return downs;
    }

    private static DateTimeOffset TimestampOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DateTimeOffset.Parse(document.RootElement.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture);
    }
}
