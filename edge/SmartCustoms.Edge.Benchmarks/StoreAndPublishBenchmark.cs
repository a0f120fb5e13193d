using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Benchmarks;

/// <summary>
/// Load generator for the store + outbox against a real mosquitto: sustained stored+published events/s,
/// append → PUBACK latency (at saturation and at a paced rate), and the outbox drain rate after a broker
/// outage. Wired exactly as the gateway wires them (<c>AddEdgeStorage()</c> + <c>AddMqtt()</c>, real fsync).
/// Prints a Markdown table. Every loop is bounded in time; all traffic stays on 127.0.0.1.
/// </summary>
internal static class StoreAndPublishBenchmark
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("bench: " + ex.Message);
            return 2;
        }

        var storePath = Path.Combine(Path.GetTempPath(), "sc-bench-store-" + Guid.NewGuid().ToString("N")[..8]);
        await using var broker = new BenchMosquitto();
        await broker.StartAsync();
        using var host = BuildHost(storePath, broker.Port);
        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<TimedEventStore>();
            var connection = host.Services.GetRequiredService<MqttConnection>();
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await connection.WaitConnectedAsync(wait.Token);
            }

            await WaitDrainedAsync(store);
            var payload = Payload(options.PayloadBytes);
            var rows = new List<(string Measure, string Value)>();

            // 1. Saturation: K appenders as fast as the store takes them, subscriber attached.
            var subscriber = await SubscribeAsync(broker.Port, connection.Topics);
            var before = store.LastSeq;
            var appendedBefore = store.AppendedCount;
            var deliveredBefore = store.DeliveredCount;
            var window = Stopwatch.StartNew();
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds)))
            {
                await Task.WhenAll(Enumerable.Range(0, options.Appenders).Select(_ => AppendUntilAsync(store, payload, stop.Token)));
            }

            var windowSeconds = window.Elapsed.TotalSeconds;
            var deliveredInWindow = store.DeliveredCount - deliveredBefore;
            var last = store.LastSeq;
            var appended = store.AppendedCount - appendedBefore;
            await WaitDrainedAsync(store);
            var endToEnd = window.Elapsed.TotalSeconds;
            var saturated = store.LatenciesMs(before, last);
            rows.Add(($"events stored (fsynced), {options.Appenders} appenders, {options.Seconds} s", Rate(appended, windowSeconds)));
            rows.Add(("events PUBACKed during that window", Rate(deliveredInWindow, windowSeconds)));
            rows.Add(("stored + published, until the outbox was empty", Rate(appended, endToEnd)));
            rows.Add(("append → PUBACK at saturation, p50 / p99", Percentiles(saturated)));
            // The subscriber's copy lags the PUBACKs (the broker forwards after acknowledging): wait for it, bounded.
            var lag = Stopwatch.StartNew();
            while (subscriber.Count < appended && lag.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            rows.Add(("QoS 1 subscriber received (of those events)", subscriber.Count >= appended
                ? $"all {appended.ToString("N0", CultureInfo.InvariantCulture)}, {lag.Elapsed.TotalSeconds:F1} s after the outbox was empty"
                : $"only {subscriber.Count.ToString("N0", CultureInfo.InvariantCulture)} of {appended.ToString("N0", CultureInfo.InvariantCulture)} within 60 s"));
            await subscriber.DisposeAsync();

            // 2. Paced: the latency a lane sees at a realistic event rate.
            before = store.LastSeq;
            await AppendPacedAsync(store, payload, options.PacedRate, TimeSpan.FromSeconds(Math.Min(options.Seconds, 10)));
            last = store.LastSeq;
            await WaitDrainedAsync(store);
            rows.Add(($"append → PUBACK at {options.PacedRate} events/s, p50 / p99", Percentiles(store.LatenciesMs(before, last))));

            // 3. Outage: broker down N s while the lane keeps storing, then back; how fast the backlog drains.
            await broker.StopAsync();
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await connection.WaitDisconnectedAsync(wait.Token);
            }

            await AppendPacedAsync(store, payload, options.OutageRate, TimeSpan.FromSeconds(options.OutageSeconds));
            var backlog = store.PendingCount;
            var restart = Stopwatch.StartNew();
            await broker.StartAsync();
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await connection.WaitConnectedAsync(wait.Token);
            }

            var reconnected = restart.Elapsed;
            await WaitDrainedAsync(store);
            var drain = restart.Elapsed - reconnected;
            rows.Add(($"backlog after {options.OutageSeconds} s outage at {options.OutageRate} events/s", backlog.ToString("N0", CultureInfo.InvariantCulture) + " events"));
            rows.Add(("reconnect after the broker came back", $"{reconnected.TotalSeconds:F1} s"));
            rows.Add(("outbox drain rate after the outage", Rate(backlog, drain.TotalSeconds) + $" ({drain.TotalSeconds:F1} s)"));

            await output.WriteLineAsync($"SmartCustoms.Edge store + MQTT benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
                                        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, payload ~{options.PayloadBytes} B, mosquitto on 127.0.0.1");
            await output.WriteLineAsync();
            await output.WriteLineAsync("| measure | value |");
            await output.WriteLineAsync("|---|---|");
            foreach (var (measure, value) in rows)
            {
                await output.WriteLineAsync($"| {measure} | {value} |");
            }

            return 0;
        }
        finally
        {
            await host.StopAsync();
            try
            {
                Directory.Delete(storePath, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static IHost BuildHost(string storePath, int brokerPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = storePath,
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Site"] = "bench",
            ["Mqtt:Lane"] = "lane1",
            ["Mqtt:ClientId"] = "sc-bench-" + Guid.NewGuid().ToString("N")[..8],
            ["Mqtt:ReconnectMinDelay"] = "00:00:00.200",
            ["Mqtt:ReconnectMaxDelay"] = "00:00:01",
        });

        // The gateway's own store behind a stopwatch; AddEdgeStorage only adds an IEventStore when none is registered.
        builder.Services.AddSingleton(sp => new TimedEventStore(sp.GetRequiredService<LiteDbEventStore>()));
        builder.Services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<TimedEventStore>());
        builder.Services.AddEdgeStorage();
        builder.Services.AddMqtt();
        return builder.Build();
    }

    private static JsonObject Payload(int bytes) => new()
    {
        ["device"] = "nir",
        ["kind"] = "spectral",
        ["material"] = "plastic",
        ["peakProbability"] = 0.97,
        ["note"] = new string('x', Math.Max(0, bytes - 80)),
    };

    private static async Task AppendUntilAsync(TimedEventStore store, JsonObject payload, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await store.AppendAsync(EventDraft.ForEvent("detection", payload.DeepClone()), CancellationToken.None);
        }
    }

    /// <summary>Starts appends on a fixed schedule without waiting for each (as a lane does), then awaits them all.</summary>
    private static async Task AppendPacedAsync(TimedEventStore store, JsonObject payload, int perSecond, TimeSpan duration)
    {
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        long issued = 0;
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            for (; issued < due; issued++)
            {
                pending.Add(store.AppendAsync(EventDraft.ForEvent("detection", payload.DeepClone()), CancellationToken.None));
            }

            await Task.Delay(5);
        }

        await Task.WhenAll(pending);
    }

    private static async Task WaitDrainedAsync(TimedEventStore store)
    {
        var clock = Stopwatch.StartNew();
        while (store.PendingCount > 0)
        {
            if (clock.Elapsed > DrainLimit)
            {
                throw new TimeoutException($"the outbox still holds {store.PendingCount} events after {DrainLimit.TotalMinutes} min");
            }

            await Task.Delay(10);
        }
    }

    private static async Task<Subscriber> SubscribeAsync(int port, MqttTopics topics)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new Subscriber(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic.EndsWith("/event/detection", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref subscriber.Received);
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId("sc-bench-sub-" + Guid.NewGuid().ToString("N")[..8])
            .Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topics.Root + "/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return subscriber;
    }

    private static string Rate(long count, double seconds) =>
        seconds <= 0 ? "n/a" : (count / seconds).ToString("N0", CultureInfo.InvariantCulture) + " events/s";

    private static string Percentiles(List<double> latencies)
    {
        if (latencies.Count == 0)
        {
            return "n/a";
        }

        latencies.Sort();
        double At(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return $"{At(0.50):F1} ms / {At(0.99):F1} ms (n = {latencies.Count.ToString("N0", CultureInfo.InvariantCulture)})";
    }

    private sealed class Subscriber(IMqttClient client) : IAsyncDisposable
    {
        public long Received;

        public long Count => Interlocked.Read(ref Received);

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync();
            }

            client.Dispose();
        }
    }
}
