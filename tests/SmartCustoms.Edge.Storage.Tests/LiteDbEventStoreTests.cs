using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace SmartCustoms.Edge.Storage.Tests;

public sealed class LiteDbEventStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Append_GivesGaplessSeqFromOne_ThatContinuesAfterReopen()
    {
        using (var store = TestStores.Open(_folder.Path))
        {
            Assert.Equal(0, store.LastSeq);
            for (var i = 1; i <= 5; i++)
            {
                var stored = await store.AppendAsync(TestStores.Detection(i));
                Assert.Equal(i, stored.Seq);
            }
        }

        using (var reopened = TestStores.Open(_folder.Path))
        {
            Assert.Equal(5, reopened.LastSeq);
            Assert.Equal(5, reopened.PendingCount);
            var next = await reopened.AppendAsync(TestStores.Detection(6));
            Assert.Equal(6, next.Seq);
        }
    }

    [Fact]
    public async Task ConcurrentAppends_AreGapless_WithUniqueIds()
    {
        using var store = TestStores.Open(_folder.Path);
        var tasks = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => store.AppendAsync(TestStores.Detection(i))))
            .ToArray();
        var stored = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), stored.Select(s => s.Seq).Order());
        Assert.Equal(200, stored.Select(s => s.Id).Distinct().Count());
        var all = await store.ReadAfterAsync(0, 1000);
        Assert.Equal(stored.Select(s => s.Id).Order(), all.Select(s => s.Id).Order());
    }

    [Fact]
    public async Task Append_CompletesOnlyAfterTheLogFileIsFsyncedWithTheEventInIt()
    {
        var sync = new RecordingFileSync();
        using var store = TestStores.Open(_folder.Path, sync);
        sync.HoldNext(s => s.Name.EndsWith("-log.db", StringComparison.Ordinal));

        var marker = "marker-" + Guid.NewGuid().ToString("N");
        var append = store.AppendAsync(EventDraft.ForEvent("detection", new JsonObject { ["m"] = marker }));

        // The store must reach an fsync of the log file before it reports the event as stored ...
        var synced = await sync.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.EndsWith("events-log.db", synced, StringComparison.Ordinal);

        // ... the event's bytes are already written to that file when the fsync starts ...
        Assert.True(FileContains(store.LogPath, marker), "the commit was not written to the log before fsync");

        // ... and the append is not acknowledged while the fsync has not returned.
        await Task.Delay(200);
        Assert.False(append.IsCompleted, "append completed before its fsync returned");

        sync.Release();
        var stored = await append.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, stored.Seq);
    }

    [Fact]
    public async Task ConcurrentAppends_ShareOneFsyncPerCommitGroup()
    {
        var sync = new RecordingFileSync();
        using var store = TestStores.Open(_folder.Path, sync);
        var before = sync.LogSyncCount;
        sync.HoldNext(s => s.Name.EndsWith("-log.db", StringComparison.Ordinal));

        var first = store.AppendAsync(TestStores.Detection(0));
        await sync.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // While the first group's fsync is held, 50 appends queue up; they must form one group with one fsync.
        var rest = Enumerable.Range(1, 50).Select(i => store.AppendAsync(TestStores.Detection(i))).ToArray();
        sync.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(rest).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, sync.LogSyncCount - before);
    }

    [Fact]
    public async Task Checkpoint_FsyncsTheDataFileItself_AndLosesNothing()
    {
        var sync = new RecordingFileSync();
        var blob = new string('d', 4000);
        using (var store = TestStores.Open(_folder.Path, sync))
        {
            int DataSyncs() => sync.Calls.Count(c => c.EndsWith("events.db", StringComparison.Ordinal));
            var afterOpen = DataSyncs();

            // ~12 MB of log pages: past LiteDB's 1000-page checkpoint threshold, so LiteDB copies pages into the
            // data file while running; its Flush() there must reach the disk (DurableFileStream).
            await Task.WhenAll(Enumerable.Range(0, 3000).Select(i =>
                store.AppendAsync(EventDraft.ForEvent("detection", new JsonObject { ["i"] = i, ["blob"] = blob }))));
            Assert.True(DataSyncs() > afterOpen, "no fsync of the data file during a checkpoint");
        }

        using var reopened = TestStores.Open(_folder.Path);
        Assert.Equal(3000, reopened.LastSeq);
        Assert.Equal(3000, reopened.PendingCount);
        var last = await reopened.ReadAfterAsync(2999, 10);
        Assert.Equal(3000, Assert.Single(last).Seq);
    }

    [Fact]
    public async Task Envelope_FollowsTheContract()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 4, 50, 1, 123, TimeSpan.Zero));
        using var store = TestStores.Open(_folder.Path, time: time);
        var stored = await store.AppendAsync(TestStores.Detection(7, lot: null));

        using var doc = JsonDocument.Parse(stored.EnvelopeJson);
        var root = doc.RootElement;
        Assert.Equal(
            ["schema", "id", "seq", "ts", "site", "lane", "lot", "data"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("sc.event.detection/1", root.GetProperty("schema").GetString());
        Assert.Equal(stored.Id, root.GetProperty("id").GetString());
        Assert.Equal(1, root.GetProperty("seq").GetInt64());
        Assert.Equal("2026-11-27T04:50:01.123Z", root.GetProperty("ts").GetString());
        Assert.Equal("pier7", root.GetProperty("site").GetString());
        Assert.Equal("lane2", root.GetProperty("lane").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lot").ValueKind);
        Assert.Equal(7, root.GetProperty("data").GetProperty("n").GetInt32());

        var again = (await store.ReadAfterAsync(0, 10)).Single();
        Assert.Equal(stored.EnvelopeJson, again.EnvelopeJson);
    }

    [Fact]
    public async Task ReadPending_OrdersByPriorityThenSeq_AndMarkDeliveredRemovesForGood()
    {
        using (var store = TestStores.Open(_folder.Path))
        {
            await store.AppendAsync(TestStores.Detection(1));                                   // 1 normal
            await store.AppendAsync(EventDraft.ForLotVerdict("L1", new JsonObject()));          // 2 high
            await store.AppendAsync(TestStores.Detection(3));                                   // 3 normal
            await store.AppendAsync(EventDraft.ForAlarm(new JsonObject { ["k"] = "rad" }));     // 4 critical
            await store.AppendAsync(EventDraft.ForLaneState(new JsonObject { ["online"] = true })); // 5 critical

            var pending = await store.ReadPendingAsync(10);
            Assert.Equal(new long[] { 4, 5, 2, 1, 3 }, pending.Select(p => p.Seq).ToArray());
            Assert.All(pending, p => Assert.False(p.Delivered));

            await store.MarkDeliveredAsync([4, 2, 999]);
            Assert.Equal(3, store.PendingCount);
            Assert.Equal(new long[] { 5, 1, 3 }, (await store.ReadPendingAsync(10)).Select(p => p.Seq).ToArray());
            Assert.Equal(new long[] { 5, 1 }, (await store.ReadPendingAsync(2)).Select(p => p.Seq).ToArray());
        }

        using (var reopened = TestStores.Open(_folder.Path))
        {
            Assert.Equal(3, reopened.PendingCount);
            Assert.Equal(new long[] { 5, 1, 3 }, (await reopened.ReadPendingAsync(10)).Select(p => p.Seq).ToArray());
            var all = await reopened.ReadAfterAsync(0, 10);
            Assert.Equal(new[] { false, true, false, true, false }, all.Select(e => e.Delivered).ToArray());
        }
    }

    [Fact]
    public async Task ReadAfter_ReturnsStoredEventsInSeqOrder_WithLimit()
    {
        using var store = TestStores.Open(_folder.Path);
        await store.AppendAsync(EventDraft.ForAlarm(null));
        for (var i = 2; i <= 6; i++)
        {
            await store.AppendAsync(TestStores.Detection(i));
        }

        await store.MarkDeliveredAsync([4]);
        var page = await store.ReadAfterAsync(3, 2);
        Assert.Equal(new long[] { 4, 5 }, page.Select(e => e.Seq).ToArray());
        Assert.True(page[0].Delivered);
        Assert.Empty(await store.ReadAfterAsync(6, 10));
    }

    [Fact]
    public async Task DiskBudget_RefusesNormalEvents_ButKeepsAcceptingAlarmsUpToTheReserve()
    {
        using var store = TestStores.Open(_folder.Path, configure: o =>
        {
            o.MaxDiskBytes = 1024 * 1024;
            o.CriticalReserveBytes = 300 * 1024;
        });
        var big = new string('x', 100 * 1024);

        StorageFullException? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            try
            {
                await store.AppendAsync(EventDraft.ForEvent("detection", new JsonObject { ["blob"] = big }));
            }
            catch (StorageFullException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
        Assert.Contains(store.DataPath, refused.Message, StringComparison.Ordinal);
        var seqBefore = store.LastSeq;

        // Alarms still go in (and the refused event did not consume a seq) ...
        var alarm = await store.AppendAsync(EventDraft.ForAlarm(new JsonObject { ["blob"] = big }));
        Assert.Equal(seqBefore + 1, alarm.Seq);
        Assert.True(store.IsOverBudget);

        // ... until the hard limit.
        await Assert.ThrowsAsync<StorageFullException>(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await store.AppendAsync(EventDraft.ForAlarm(new JsonObject { ["blob"] = big }));
            }
        });
    }

    [Fact]
    public async Task Prune_DeletesOnlyDeliveredEventsPastRetention_AndSeqIsNeverReused()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using (var store = TestStores.Open(_folder.Path, time: time, configure: o => o.RetentionDays = 30))
        {
            await store.AppendAsync(TestStores.Detection(1));
            await store.AppendAsync(TestStores.Detection(2));
            await store.AppendAsync(TestStores.Detection(3));
            await store.MarkDeliveredAsync([1, 3]);
            var bytesBefore = store.StoredBytes;

            time.Advance(TimeSpan.FromDays(29));
            Assert.Equal(0, await store.PruneAsync());

            time.Advance(TimeSpan.FromDays(2));
            Assert.Equal(2, await store.PruneAsync());
            Assert.Equal(new long[] { 2 }, (await store.ReadAfterAsync(0, 10)).Select(e => e.Seq).ToArray());
            Assert.True(store.StoredBytes < bytesBefore);
        }

        using (var reopened = TestStores.Open(_folder.Path, time: time))
        {
            Assert.Equal(3, reopened.LastSeq);
            Assert.Equal(4, (await reopened.AppendAsync(TestStores.Detection(4))).Seq);
        }
    }

    [Fact]
    public async Task TornLogTail_AfterCrash_KeepsEveryAcknowledgedEvent()
    {
        var crashCopy = Path.Combine(_folder.Path, "crash");
        Directory.CreateDirectory(crashCopy);
        using (var store = TestStores.Open(_folder.Path))
        {
            for (var i = 1; i <= 5; i++)
            {
                await store.AppendAsync(TestStores.Detection(i));
            }

            // The files as a power cut would leave them: no checkpoint, log holding the commits, then a
            // half-written page at the end of the log.
            CopyShared(store.DataPath, Path.Combine(crashCopy, "events.db"));
            CopyShared(store.LogPath, Path.Combine(crashCopy, "events-log.db"));
        }

        await using (var log = new FileStream(Path.Combine(crashCopy, "events-log.db"), FileMode.Append))
        {
            var garbage = new byte[3000];
            Random.Shared.NextBytes(garbage);
            await log.WriteAsync(garbage);
        }

        using var recovered = TestStores.Open(crashCopy);
        Assert.Equal(5, recovered.LastSeq);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, (await recovered.ReadAfterAsync(0, 10)).Select(e => e.Seq).ToArray());
        Assert.Equal(6, (await recovered.AppendAsync(TestStores.Detection(6))).Seq);
    }

    [Fact]
    public async Task DamagedDataFile_FailsToOpenWithThePath()
    {
        var garbage = new byte[8192 * 3];
        Random.Shared.NextBytes(garbage);
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "events.db"), garbage);

        var ex = Assert.Throws<StorageCorruptedException>(() => TestStores.Open(_folder.Path));
        Assert.Contains(Path.Combine(_folder.Path, "events.db"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondStoreOnTheSameFolder_IsRefusedClearly()
    {
        using var first = TestStores.Open(_folder.Path);
        var ex = Assert.Throws<IOException>(() => TestStores.Open(_folder.Path));
        Assert.Contains("another gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedFsync_FailsTheAppend_RefusesFurtherWrites_AndNeverReusesASeq()
    {
        var sync = new RecordingFileSync();
        using (var store = TestStores.Open(_folder.Path, sync))
        {
            await store.AppendAsync(TestStores.Detection(1));
            sync.FailNext = true;
            var failed = await Assert.ThrowsAsync<IOException>(() => store.AppendAsync(TestStores.Detection(2)));
            Assert.Contains("fsync failed", failed.Message, StringComparison.Ordinal);
            var refused = await Assert.ThrowsAsync<IOException>(() => store.AppendAsync(TestStores.Detection(3)));
            Assert.Contains("until it is restarted", refused.Message, StringComparison.Ordinal);
        }

        // Event 2 reached LiteDB before the fsync failed: after a restart its seq is taken, whatever the disk kept.
        using var reopened = TestStores.Open(_folder.Path);
        var next = await reopened.AppendAsync(TestStores.Detection(4));
        Assert.Equal(reopened.LastSeq, next.Seq);
        Assert.True(next.Seq > 1);
        Assert.Equal(next.Seq, (await reopened.ReadAfterAsync(0, 10)).Count); // gapless
    }

    [Fact]
    public async Task AppendAfterDispose_Throws()
    {
        var store = TestStores.Open(_folder.Path);
        store.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync(TestStores.Detection(1)));
    }

    [Fact]
    public async Task OversizedEvent_IsRefusedWithTheLimitNamed()
    {
        using var store = TestStores.Open(_folder.Path, configure: o => o.MaxEventBytes = 4096);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(
            EventDraft.ForEvent("detection", new JsonObject { ["blob"] = new string('x', 5000) })));
        Assert.Contains("Storage:MaxEventBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await store.AppendAsync(TestStores.Detection(1))).Seq);
    }

    private static bool FileContains(string path, string marker)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(marker)) >= 0;
    }

    private static void CopyShared(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var target = new FileStream(to, FileMode.Create);
        source.CopyTo(target);
    }
}
