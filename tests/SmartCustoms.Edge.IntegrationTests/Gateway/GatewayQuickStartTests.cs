using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Gateway;

/// <summary>
/// The README's quick start, as a newcomer does it: the gateway with --simulate and its embedded broker, watched
/// with the real `mosquitto_sub` (no client id, MQTT 3.1.1), then stopped with SIGTERM.
/// </summary>
public sealed class GatewayQuickStartTests
{
    [Fact]
    public async Task Simulated_gateway_shows_retained_state_and_spectral_events_within_15_s_and_says_offline_when_stopped()
    {
        var brokerPort = MosquittoFixture.FreePort();
        var args = SimulatedGatewayArguments.Create("contaminated", brokerPort, embeddedBroker: true);
        var root = SimulatedGatewayArguments.TopicRoot(args);
        await using var gateway = GatewayProcess.Start([.. args]);
        var started = Stopwatch.StartNew();
        var uiLine = await gateway.WaitForOutputAsync(l => l.Contains("UI and HTTP API: http://127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        using var subscriber = MosquittoSubscriber.Start(brokerPort, "sc/v1/#");
        string online, spectral;
        try
        {
            online = await subscriber.WaitForAsync("the retained online lane state", l => l.StartsWith(root + "/state ", StringComparison.Ordinal) && l.Contains("\"online\":true", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            spectral = await subscriber.WaitForAsync("a spectra or detection event", l => l.StartsWith(root + "/event/spectra ", StringComparison.Ordinal) || l.StartsWith(root + "/event/detection ", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException ex)
        {
            // Failed twice in many runs with the device states but no online lane state: the broker's retained
            // snapshot missed a state published during the SUBSCRIBE (fixed by RetainedDuringSubscribeRedelivery).
            // The summary comes first so a CI log's tail shows it, then the gateway's own counters and log.
            var metrics = await QuickStartDiagnostics.MetricsAsync(uiLine);
            throw new TimeoutException(subscriber.Summary(root, started.Elapsed) + "\ngateway warnings: " +
                QuickStartDiagnostics.FirstWarnings(gateway.StandardOutput) + "\n" + ex.Message + "\n--- gateway counters:\n" + metrics +
                "\n--- gateway stdout (last 60 lines):\n" + Tail(gateway.StandardOutput) + "\n--- gateway stderr:\n" + Tail(gateway.StandardError), ex);
        }

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15) + TimeSpan.FromSeconds(10),
            $"state and spectral events took {started.Elapsed} from process start (15 s promised once the gateway runs; 10 s allowed for a cold test machine)");

        AssertEnvelope(online, "sc.lane.state/1");
        AssertEnvelope(spectral, spectral.Contains("/event/detection ", StringComparison.Ordinal) ? "sc.event.detection/1" : "sc.event.spectra/1");

        gateway.Terminate();
        var offline = await subscriber.WaitForAsync("the retained offline lane state", l => l.StartsWith(root + "/state ", StringComparison.Ordinal) && l.Contains("\"online\":false", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        AssertEnvelope(offline, "sc.lane.state/1");
        Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(60));

    private static void AssertEnvelope(string line, string schema)
    {
        var json = line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        using var document = JsonDocument.Parse(json);
        var envelope = document.RootElement;
        Assert.Equal(schema, envelope.GetProperty("schema").GetString());
        Assert.False(string.IsNullOrWhiteSpace(envelope.GetProperty("id").GetString()));
        Assert.True(envelope.GetProperty("seq").GetInt64() >= 1);
        Assert.True(DateTimeOffset.TryParse(envelope.GetProperty("ts").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.Equal("itest", envelope.GetProperty("site").GetString());
        Assert.StartsWith("lane", envelope.GetProperty("lane").GetString(), StringComparison.Ordinal);
        Assert.True(envelope.TryGetProperty("lot", out _));
        Assert.Equal(JsonValueKind.Object, envelope.GetProperty("data").ValueKind);
    }

    /// <summary>`mosquitto_sub -h 127.0.0.1 -p PORT -t FILTER -v`, exactly as the README says.</summary>
    private sealed class MosquittoSubscriber : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        private MosquittoSubscriber(Process process) => _process = process;

        public static MosquittoSubscriber Start(int port, string filter)
        {
            var info = new ProcessStartInfo("mosquitto_sub") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", filter, "-v" })
            {
                info.ArgumentList.Add(a);
            }

            var process = new Process { StartInfo = info };
            var subscriber = new MosquittoSubscriber(process);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { subscriber._lines.Enqueue(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { subscriber._lines.Enqueue("stderr: " + e.Data); } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return subscriber;
        }

        public async Task<string> WaitForAsync(string what, Func<string, bool> predicate, TimeSpan within)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < within)
            {
                var line = _lines.FirstOrDefault(predicate);
                if (line is not null)
                {
                    return line;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"mosquitto_sub did not show {what} within {within.TotalSeconds:0} s; it printed:\n" +
                string.Join('\n', _lines.Select(l => l.Length > 200 ? l[..200] : l)));
        }

        /// <summary>One short paragraph: how many messages of each kind arrived, the lane state lines and the highest seq.</summary>
        public string Summary(string root, TimeSpan sinceStart)
        {
            var lines = _lines.ToArray();
            var byTopic = lines.Where(l => l.StartsWith(root, StringComparison.Ordinal))
                .GroupBy(l => l[root.Length..l.IndexOf(' ', StringComparison.Ordinal)])
                .Select(g => $"{g.Key} {g.Count()}");
            var laneStates = lines.Where(l => l.StartsWith(root + "/state ", StringComparison.Ordinal))
                .Select(l => l.Length > 160 ? l[..160] : l);
            var maxSeq = lines.Select(l => QuickStartDiagnostics.Seq(l)).DefaultIfEmpty(0).Max();
            return $"SUMMARY {sinceStart.TotalSeconds:0.0} s after start: {lines.Length} lines, highest seq {maxSeq}; per topic: " +
                string.Join(", ", byTopic) + "\nlane state lines: " + (laneStates.Any() ? string.Join(" | ", laneStates) : "none") +
                "\nstderr: " + string.Join(" | ", lines.Where(l => l.StartsWith("stderr:", StringComparison.Ordinal)));
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
