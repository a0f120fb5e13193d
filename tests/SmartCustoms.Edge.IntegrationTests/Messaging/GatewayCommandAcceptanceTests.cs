using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCustoms.Edge.IntegrationTests.Infrastructure;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.IntegrationTests.Messaging;

/// <summary>
/// Issue 7 acceptance over a real mosquitto and the real gateway process (its own command handler, store,
/// evidence and audit): malformed, unknown, incomplete, oversized and unauthorised commands each get a clear
/// error reply and change nothing; the commands land in the audit chain, which <c>verify-audit</c> checks and
/// which names a record changed in a copy; detections carry an evidence id served at <c>/api/evidence/{id}</c>.
/// </summary>
public sealed class GatewayCommandAcceptanceTests() : BrokerAndStoreTest("sc-acc-")
{
    private const string Token = "acceptance-token";
    private const string SupervisorToken = "acceptance-supervisor-token";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);
    [Fact]
    public async Task BadCommands_GetClearErrors_ChangeNothing_AndAreAudited_WhileDetectionsCarryServedEvidence()
    {
        var args = SimulatedGatewayArguments.Create("contaminated", Broker.Port, embeddedBroker: false, Storage);
        args.Add("--Commands:Tokens:0=" + Token);
        args.Add("--Commands:SupervisorTokens:0=" + SupervisorToken);
        args.Add("--Mqtt:MaxCommandBytes=2048");

        // Spectral detections are the evidence checked here; the visual detector is not this test's subject.
        args.Add("--Models:VisualModelPath=");
        var root = SimulatedGatewayArguments.TopicRoot(args);
        await using var gateway = GatewayProcess.Start([.. args]);
        var address = await StoredEventsClient.AddressOfAsync(gateway, Within);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        await using var central = await TestMqttClient.ConnectAsync(Broker.Host, Broker.Port, "");

        // The gateway subscribes to its commands just after connecting: repeat the first (harmless) command
        // until it is answered.
        var noToken = await FirstReplyAsync(central, root + "/cmd/start-lot", FullStartLot("L-NOAUTH"), token: null);
        Assert.Contains("not authorised", Error(noToken), StringComparison.Ordinal);

        var cases = new (string Name, string Payload, string? Token, string Expected)[]
        {
            ("start-lot", FullStartLot("L-WRONG"), "wrong-token", "not authorised"),
            ("start-lot", "{lotId: L1", Token, "not valid JSON"),
            ("start-lot", "[1,2]", Token, "must be a JSON object"),
            ("fly-to-moon", "{}", Token, "unknown command 'fly-to-moon'"),
            ("start-lot", """{"lotId":"L-PART","vessel":"Ore Star"}""", Token, "field 'declarationNumber' is required"),
            ("start-lot", FullStartLot("L-MASS").Replace("180000", "\"lots\"", StringComparison.Ordinal), Token, "field 'declaredMassTonnes' must be a number"),
            ("start-lot", JsonSerializer.Serialize(new { lotId = "L-BIG", note = new string('x', 3000) }), Token, "limit of 2048"),
            ("ack-alarm", """{"alarmId":"alm-none","user":"op"}""", Token, "alm-none"),
        };
        foreach (var (name, payload, token, expected) in cases)
        {
            var reply = await RequestAsync(central, root + "/cmd/" + name, payload, token, Within);
            Assert.False(reply.Json.GetProperty("ok").GetBoolean(), name + " " + payload);
            Assert.Contains(expected, Error(reply), StringComparison.Ordinal);
        }

        // Nothing changed: no lot on the lane, no lot event stored.
        Assert.Equal(JsonValueKind.Null, await LotOfLaneAsync(http));
        using var events = new StoredEventsClient(address);
        Assert.DoesNotContain(await events.ReadAllAsync(), e => e.Schema == "sc.event.lot/1");

        // set-mode: an operator's token and a bad value are refused; a supervisor's switches the lane to maintenance,
        // which is published at once in the retained lane state and in /api/lane, and refuses start-lot until run.
        Assert.Contains("needs a technician or supervisor", Error(await RequestAsync(central, root + "/cmd/set-mode", """{"mode":"maintenance"}""", Token, Within)), StringComparison.Ordinal);
        Assert.Contains("field 'mode' must be one of run, maintenance", Error(await RequestAsync(central, root + "/cmd/set-mode", """{"mode":"off"}""", SupervisorToken, Within)), StringComparison.Ordinal);
        await central.SubscribeAsync(root + "/state");
        var toMaintenance = await RequestAsync(central, root + "/cmd/set-mode", """{"mode":"maintenance","note":"acceptance"}""", SupervisorToken, Within);
        Assert.True(toMaintenance.Json.GetProperty("ok").GetBoolean(), toMaintenance.Payload);
        await central.WaitForAsync(m => m.Topic == root + "/state" && m.Json.GetProperty("data").TryGetProperty("mode", out var mode) && mode.GetString() == "maintenance",
            Within, "lane state with mode maintenance");
        Assert.Equal("maintenance", await ModeOfLaneAsync(http));
        Assert.Contains("the lane is in maintenance", Error(await RequestAsync(central, root + "/cmd/start-lot", FullStartLot("L-MAINT"), Token, Within)), StringComparison.Ordinal);
        var toRun = await RequestAsync(central, root + "/cmd/set-mode", """{"mode":"run"}""", SupervisorToken, Within);
        Assert.True(toRun.Json.GetProperty("ok").GetBoolean(), toRun.Payload);
        Assert.Equal("run", await ModeOfLaneAsync(http));

        // The same command done right does change the lane (so the checks above could fail).
        var ok = await RequestAsync(central, root + "/cmd/start-lot", FullStartLot("L-OK"), Token, Within);
        Assert.Equal("""{"ok":true}""", ok.Payload);
        Assert.Equal(JsonValueKind.Object, await LotOfLaneAsync(http));
        Assert.Contains("end the lot first", Error(await RequestAsync(central, root + "/cmd/set-mode", """{"mode":"maintenance"}""", SupervisorToken, Within)), StringComparison.Ordinal);

        // A detection's evidence: metadata with each file's SHA-256, and the files themselves.
        var evidenceId = await WaitForEvidenceIdAsync(events, "sc.event.detection/1", Within);
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/evidence/" + evidenceId, UriKind.Relative)));
        Assert.Equal("detection", metadata.RootElement.GetProperty("kind").GetString());
        Assert.Equal(64, metadata.RootElement.GetProperty("model").GetProperty("sha256").GetString()!.Length);
        Assert.True(metadata.RootElement.GetProperty("thresholds").GetProperty("contaminantProbability").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Object, metadata.RootElement.GetProperty("calibration").ValueKind);
        var spectra = metadata.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "spectra.csv");
        var csv = await http.GetByteArrayAsync(new Uri(spectra.GetProperty("href").GetString()!.TrimStart('/'), UriKind.Relative));
        Assert.Equal(spectra.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(csv)));
        Assert.StartsWith("wavelength_nm,nir-", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
        using var missing = await http.GetAsync(new Uri("api/evidence/ev-00000000000000000000000000000000", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);

        // Every command is in the audit chain, refused ones included (those refused before the handler by topic,
        // size and reason).
        var auditFile = Path.Combine(Storage, "audit", "audit.jsonl");
        var audit = AuditChainVerifier.Verify(auditFile);
        Assert.True(audit.Ok, audit.Problem);
        Assert.True(audit.ByCategory["command"] >= 6, string.Join(", ", audit.ByCategory));
        Assert.True(audit.ByCategory["config"] >= 1);
        var lines = await File.ReadAllLinesAsync(auditFile);
        Assert.Contains(lines, l => l.Contains("\"action\":\"start-lot\"", StringComparison.Ordinal) && l.Contains("\"outcome\":\"ok\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"action\":\"set-mode\"", StringComparison.Ordinal) && l.Contains("\"outcome\":\"ok\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(SupervisorToken, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"outcome\":\"refused: not authorised", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"action\":\"refused-before-handler\"", StringComparison.Ordinal) &&
                                    l.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Token, StringComparison.Ordinal));

        // verify-audit on the live store says OK; on a copy with one record changed it names that record.
        var (okCode, okOutput) = await RunVerbAsync("verify-audit", "--data", Storage);
        Assert.Equal(0, okCode);
        Assert.StartsWith("OK: audit chain", okOutput, StringComparison.Ordinal);
        var copy = Path.Combine(Storage, "copy");
        Directory.CreateDirectory(Path.Combine(copy, "audit"));
        var tampered = lines.ToArray();
        var victim = Array.FindIndex(tampered, l => l.Contains("\"outcome\":\"ok\"", StringComparison.Ordinal) && l.Contains("\"action\":\"start-lot\"", StringComparison.Ordinal));
        tampered[victim] = tampered[victim].Replace("L-OK", "L-XX", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(copy, "audit", "audit.jsonl"), string.Join('\n', tampered) + "\n");
        var (brokenCode, brokenOutput) = await RunVerbAsync("verify-audit", "--data", copy);
        Assert.Equal(2, brokenCode);
        Assert.Contains($"record {victim + 1} ", brokenOutput, StringComparison.Ordinal);
        Assert.Contains("changed after it was written", brokenOutput, StringComparison.Ordinal);
    }

    private static string FullStartLot(string lotId) =>
        $$"""{"lotId":"{{lotId}}","declarationNumber":"D-1","vessel":"Ore Star","declaredBrand":"PB fines","declaredMassTonnes":180000,"hsCode":"2601.11"}""";

    private static string Error(ReceivedMessage reply) => reply.Json.GetProperty("error").GetString() ?? string.Empty;

    private static async Task<ReceivedMessage> FirstReplyAsync(TestMqttClient client, string topic, string payload, string? token)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await RequestAsync(client, topic, payload, token, TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException) when (clock.Elapsed < Within)
            {
            }
        }
    }

    private static async Task<ReceivedMessage> RequestAsync(TestMqttClient client, string topic, string payload, string? token, TimeSpan within)
    {
        var responseTopic = "test/replies/" + Guid.NewGuid().ToString("N");
        var correlation = Guid.NewGuid().ToByteArray();
        await client.SubscribeAsync(responseTopic);
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .WithResponseTopic(responseTopic)
            .WithCorrelationData(correlation)
            .WithUserProperty("sender", Encoding.UTF8.GetBytes("central-test").AsMemory());
        if (token is not null)
        {
            builder.WithUserProperty("token", Encoding.UTF8.GetBytes(token).AsMemory());
        }

        await client.PublishAsync(builder.Build());
        var reply = await client.WaitForAsync(m => m.Topic == responseTopic, within, "reply on " + responseTopic);
        Assert.Equal(correlation, reply.CorrelationData);
        return reply;
    }

    private static async Task<string?> ModeOfLaneAsync(HttpClient http)
    {
        using var lane = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/lane", UriKind.Relative)));
        return lane.RootElement.GetProperty("mode").GetString();
    }

    private static async Task<JsonValueKind> LotOfLaneAsync(HttpClient http)
    {
        using var lane = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/lane", UriKind.Relative)));
        return lane.RootElement.GetProperty("lot").ValueKind;
    }

    private static async Task<string> WaitForEvidenceIdAsync(StoredEventsClient events, string schema, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            foreach (var e in await events.ReadAllAsync())
            {
                if (e.Schema != schema)
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(e.Json);
                if (doc.RootElement.GetProperty("data").TryGetProperty("evidenceId", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    return id.GetString()!;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"no {schema} event with an evidenceId within {within.TotalSeconds} s");
    }

    private static async Task<(int ExitCode, string Output)> RunVerbAsync(params string[] args)
    {
        await using var verb = GatewayProcess.Start(args);
        var code = await verb.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, verb.StandardOutput + verb.StandardError);
    }
}
