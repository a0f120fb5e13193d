using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Storage.Tests;

/// <summary>
/// <c>audit.jsonl</c> is closed as <c>audit-{first}-{last}.jsonl</c> when it would pass <c>Storage:AuditFileMaxBytes</c>;
/// the chain (seq, prev) runs on across files, a reopen continues it, and the folder verifies as one chain.
/// </summary>
public sealed class AuditLogRotationTests : IDisposable
{
    private const long SmallFile = 2048;
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private string AuditFolder => Path.Combine(_folder.Path, "audit");

    private FileAuditLog Open(long maxFileBytes = SmallFile) =>
        new(TestStores.Options(_folder.Path, o => o.AuditFileMaxBytes = maxFileBytes), _time, NullLogger<FileAuditLog>.Instance, new RecordingFileSync());

    private static AuditEntry Custody(int n) => new("custody", "taken") { Lot = "L1", Details = new JsonObject { ["incrementId"] = n, ["massKg"] = 12.5 } };

    [Fact]
    public async Task A_full_file_is_closed_under_its_seq_range_and_the_folder_verifies_as_one_chain()
    {
        using (var log = Open())
        {
            await log.AppendAsync(new AuditEntry("config", "loaded") { Details = new JsonObject { ["hash"] = "abc" } });
            for (var n = 1; n <= 39; n++)
            {
                await log.AppendAsync(Custody(n));
            }
        }

        var closed = AuditFiles.Closed(AuditFolder);
        Assert.True(closed.Count >= 3, $"expected several closed files, got {closed.Count}");
        Assert.StartsWith("audit-000000000001-", Path.GetFileName(closed[0]), StringComparison.Ordinal);
        foreach (var file in AuditFiles.InOrder(AuditFolder))
        {
            Assert.True(new FileInfo(file).Length <= SmallFile, $"{file} is {new FileInfo(file).Length} bytes");
        }

        // Each closed file's name says which records it holds; the next one starts right after.
        var expectedFirst = 1L;
        foreach (var file in closed)
        {
            var lines = await File.ReadAllLinesAsync(file);
            Assert.Equal(expectedFirst, JsonNode.Parse(lines[0])!["seq"]!.GetValue<long>());
            var last = JsonNode.Parse(lines[^1])!["seq"]!.GetValue<long>();
            Assert.Equal(AuditFiles.ClosedFileName(expectedFirst, last), Path.GetFileName(file));
            expectedFirst = last + 1;
        }

        var result = AuditChainVerifier.VerifyFolder(AuditFolder);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(40, result.Records);
        Assert.Equal(closed.Count + 1, result.Files);
        Assert.Equal(39, result.ByCategory["custody"]);
    }

    [Fact]
    public async Task Reopen_after_files_were_closed_continues_seq_and_head_and_still_knows_the_last_configuration()
    {
        using (var log = Open())
        {
            await log.AppendAsync(new AuditEntry("config", "loaded") { Details = new JsonObject { ["hash"] = "abc" } });
            for (var n = 1; n <= 12; n++)
            {
                await log.AppendAsync(Custody(n));
            }
        }

        // As after a crash between closing a file and the next record: audit.jsonl gone, only closed files.
        var current = Path.Combine(AuditFolder, AuditFiles.CurrentFileName);
        var lines = await File.ReadAllLinesAsync(current);
        var first = JsonNode.Parse(lines[0])!["seq"]!.GetValue<long>();
        File.Move(current, Path.Combine(AuditFolder, AuditFiles.ClosedFileName(first, 13)));

        using (var log = Open())
        {
            Assert.Equal(13, log.Count);
            Assert.Equal("loaded", log.LastOf("config")!.Action);
            Assert.Equal(1, log.LastOf("config")!.Seq);
            var written = await log.AppendAsync(Custody(13));
            Assert.Equal(14, written.Seq);
        }

        var result = AuditChainVerifier.VerifyFolder(AuditFolder);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(14, result.Records);
    }

    [Fact]
    public async Task A_record_changed_in_a_closed_file_is_named_with_its_file()
    {
        using (var log = Open())
        {
            for (var n = 1; n <= 30; n++)
            {
                await log.AppendAsync(Custody(n));
            }
        }

        var victim = AuditFiles.Closed(AuditFolder)[1];
        var lines = await File.ReadAllLinesAsync(victim);
        lines[2] = lines[2].Replace("12.5", "99.5", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(victim, lines);

        var result = AuditChainVerifier.VerifyFolder(AuditFolder);
        Assert.False(result.Ok);
        Assert.Equal(Path.GetFileName(victim), result.BrokenFile);
        Assert.Equal(JsonNode.Parse(lines[0])!["seq"]!.GetValue<long>() + 2, result.BrokenLine);
        Assert.Contains("changed after it was written", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_closed_file_cuts_the_chain_at_the_first_record_after_it()
    {
        using (var log = Open())
        {
            for (var n = 1; n <= 30; n++)
            {
                await log.AppendAsync(Custody(n));
            }
        }

        var closed = AuditFiles.Closed(AuditFolder);
        File.Delete(closed[1]);

        var result = AuditChainVerifier.VerifyFolder(AuditFolder);
        Assert.False(result.Ok);
        Assert.Equal(Path.GetFileName(closed[2]), result.BrokenFile);
    }

    [Fact]
    public void The_setting_is_checked_on_start()
    {
        var result = new StorageOptionsValidator().Validate(null, TestStores.Options(_folder.Path, o => o.AuditFileMaxBytes = 1000));
        Assert.Contains("Storage:AuditFileMaxBytes must be at least 65536 (64 KiB), got 1000", result.Failures!);
    }
}
