using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Storage.Tests;

public sealed class AuditLogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingFileSync _sync = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private FileAuditLog Open() =>
        new(TestStores.Options(_folder.Path), _time, NullLogger<FileAuditLog>.Instance, _sync);

    private static AuditEntry Command(string action, string actor) => new("command", action)
    {
        Actor = actor,
        Source = "mqtt",
        Outcome = "ok",
        Details = new JsonObject { ["lotId"] = "L1", ["mass"] = 1234.5 },
    };

    private async Task<string> WriteThreeAsync()
    {
        using var log = Open();
        await log.AppendAsync(Command("start-lot", "alice"));
        await log.AppendAsync(new AuditEntry("custody", "taken") { Lot = "L1", Details = new JsonObject { ["incrementId"] = 7 } });
        await log.AppendAsync(Command("end-lot", "bob"));
        return log.FilePath;
    }

    [Fact]
    public async Task Appends_FormAChainThatVerifies()
    {
        var path = await WriteThreeAsync();

        var result = AuditChainVerifier.Verify(path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(3, result.Records);
        Assert.Equal(2, result.ByCategory["command"]);
        Assert.Equal(1, result.ByCategory["custody"]);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Contains("\"prev\":\"0000000000000000000000000000000000000000000000000000000000000000\"", lines[0], StringComparison.Ordinal);
        Assert.Equal(JsonNode.Parse(lines[0])!["hash"]!.GetValue<string>(), JsonNode.Parse(lines[1])!["prev"]!.GetValue<string>());
    }

    [Fact]
    public async Task Append_CompletesOnlyAfterTheFileIsFsynced()
    {
        using var log = Open();
        await log.AppendAsync(Command("start-lot", "alice"));
        Assert.Contains(_sync.Calls, c => c.EndsWith("audit.jsonl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AChangedRecordInACopy_IsNamedByVerify()
    {
        var path = await WriteThreeAsync();
        var copy = Path.Combine(_folder.Path, "copy.jsonl");
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Contains("\"actor\":null", lines[1], StringComparison.Ordinal);
        lines[1] = lines[1].Replace("\"incrementId\":7", "\"incrementId\":8", StringComparison.Ordinal);
        await File.WriteAllTextAsync(copy, string.Join('\n', lines) + "\n");

        var result = AuditChainVerifier.Verify(copy);
        Assert.False(result.Ok);
        Assert.Equal(2, result.BrokenLine);
        Assert.Equal(1, result.Records);
        Assert.Contains("changed after it was written", result.Problem, StringComparison.Ordinal);
        Assert.True(AuditChainVerifier.Verify(path).Ok);
    }

    [Fact]
    public async Task ARemovedRecord_IsNamedByVerify()
    {
        var path = await WriteThreeAsync();
        var lines = (await File.ReadAllLinesAsync(path)).ToList();
        lines.RemoveAt(1);
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");

        var result = AuditChainVerifier.Verify(path);
        Assert.False(result.Ok);
        Assert.Equal(2, result.BrokenLine);
        Assert.Contains("expected 2", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordRehashedAfterAChange_StillBreaksTheLinkOfTheNextOne()
    {
        var path = await WriteThreeAsync();
        var lines = await File.ReadAllLinesAsync(path);
        var forged = (JsonObject)JsonNode.Parse(lines[1])!;
        forged["lot"] = "L2";
        forged["hash"] = AuditRecordJson.HashOf(forged);
        lines[1] = Encoding.UTF8.GetString(CanonicalJson.Serialize(forged));
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");

        var result = AuditChainVerifier.Verify(path);
        Assert.False(result.Ok);
        Assert.Equal(3, result.BrokenLine);
        Assert.Contains("chain is cut", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_ContinuesTheChain_AndRemembersTheLastRecordOfEachCategory()
    {
        await WriteThreeAsync();
        using var log = Open();
        Assert.Equal(3, log.Count);
        Assert.Equal("taken", log.LastOf("custody")!.Action);
        var written = await log.AppendAsync(new AuditEntry("config", "loaded"));
        Assert.Equal(4, written.Seq);

        var result = AuditChainVerifier.Verify(log.FilePath);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(4, result.Records);
    }

    [Fact]
    public async Task ATornLastLine_IsCutOnOpen_AndTheCutIsRecorded()
    {
        var path = await WriteThreeAsync();
        await File.AppendAllTextAsync(path, "{\"seq\":4,\"ts\":\"2026-");

        using var log = Open();
        Assert.Equal(4, log.Count);
        Assert.Equal("torn-tail-dropped", log.LastOf("system")!.Action);
        var result = AuditChainVerifier.Verify(path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(4, result.Records);
    }

    [Fact]
    public async Task NonFiniteNumbersOrMissingNames_AreRefused_AndNothingIsWritten()
    {
        using var log = Open();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            log.AppendAsync(new AuditEntry("custody", "taken") { Details = new JsonObject { ["massKg"] = double.NaN } }));
        Assert.Contains("custody/taken", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(new AuditEntry("", "x")));
        Assert.Equal(0, log.Count);
        Assert.Equal(0, new FileInfo(log.FilePath).Length);
    }
}
