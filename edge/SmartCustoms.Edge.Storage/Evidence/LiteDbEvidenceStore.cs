using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>
/// <see cref="IEvidenceStore"/>: files under <c>{Storage:Path}/evidence/{yyyy-MM-dd}/{id}/</c>, index in
/// <c>{Storage:Path}/evidence/index.db</c> (LiteDB on <see cref="DurableFileStream"/>s, log fsynced after each
/// write as in <see cref="LiteDbEventStore"/>). A record is indexed only after its files and folder are
/// fsynced, so an indexed file is always complete; a crash in between leaves an unindexed folder, never an
/// index entry without its file.
/// Thread-safety: all public members are thread-safe; writes are serialised by one semaphore.
/// </summary>
public sealed partial class LiteDbEvidenceStore : IEvidenceStore, IDisposable
{
    private const string Collection = "evidence";

    /// <summary>Most records deleted by one prune call.</summary>
    internal const int PruneBatchSize = 10_000;

    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiteDbEvidenceStore> _logger;
    private readonly IFileSync _fileSync;
    private readonly string _root;
    private readonly DurableFileStream _dataStream;
    private readonly DurableFileStream _logStream;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _records;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _bytes;
    private long _count;
    private int _disposed;

    public LiteDbEvidenceStore(IOptions<StorageOptions> options, TimeProvider timeProvider,
        ILogger<LiteDbEvidenceStore> logger)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), timeProvider, logger,
            FileSync.Instance)
    {
    }

    internal LiteDbEvidenceStore(StorageOptions options, TimeProvider timeProvider,
        ILogger<LiteDbEvidenceStore> logger, IFileSync fileSync)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _fileSync = fileSync;
        _root = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Path), "evidence");
        IndexPath = System.IO.Path.Combine(_root, "index.db");
        var isNew = !File.Exists(IndexPath);
        try
        {
            CreateDirectoryDurably(_root);
            _dataStream = new DurableFileStream(IndexPath, FileMode.OpenOrCreate, fileSync);
            _logStream = new DurableFileStream(System.IO.Path.Combine(_root, "index-log.db"), FileMode.OpenOrCreate,
                fileSync);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _dataStream?.Dispose();
            throw new IOException($"Evidence index {IndexPath} cannot be opened: {ex.Message} " +
                                  "(check Storage:Path and its permissions)", ex);
        }

        try
        {
            _db = new LiteDatabase(_dataStream, new BsonMapper(), _logStream);
            _records = _db.GetCollection(Collection);
            _records.EnsureIndex("ts");
            _records.EnsureIndex("alarm");
            foreach (var doc in _records.Query().Select("{ b: $.bytes }").ToEnumerable())
            {
                _bytes += doc["b"].AsInt64;
                _count++;
            }

            SyncLog();
        }
        catch (Exception ex)
        {
            LogOpenFailed(_logger, IndexPath, ex);
            _db?.Dispose();
            _dataStream.Dispose();
            _logStream.Dispose();
            throw new StorageCorruptedException(
                $"Evidence index {IndexPath} is damaged and cannot be opened ({ex.GetType().Name}: {ex.Message}). " +
                "Stop the gateway, move index.db and index-log.db aside (the evidence folders stay readable) and " +
                "start again.", ex);
        }

        if (isNew)
        {
            DirectorySync.Sync(_root);
        }

        LogOpened(_logger, IndexPath, _count, _bytes);
    }

    /// <summary>Full path of the LiteDB index.</summary>
    public string IndexPath { get; }

    public long StoredBytes => Interlocked.Read(ref _bytes);

    public long Count => Interlocked.Read(ref _count);

    public async Task<string> SaveAsync(EvidenceDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Validate(draft);
        var now = _time.GetUtcNow();
        var id = "ev-" + Guid.CreateVersion7(now).ToString("N");
        var relativeDir = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + id;

        // Build everything before taking the lock: only the disk work is serialised.
        var contents = new List<(EvidenceFile File, byte[] Bytes)>();
        var metadata = BuildMetadata(draft, id, now);
        if (draft.Jpeg is { } jpeg)
        {
            contents.Add(Describe(draft.FrameFileName, "image/jpeg", jpeg.ToArray()));
        }

        if (draft.Spectra is { } spectra)
        {
            var csv = SpectraCsv.Write(spectra, out var nonFinite);
            metadata["spectra"] = new JsonObject
            {
                ["count"] = spectra.Spectra.Count,
                ["pixels"] = spectra.WavelengthsNm.Count,
                ["ids"] = new JsonArray([.. spectra.Spectra.Select(s => (JsonNode?)JsonValue.Create(s.Id))]),
                ["nonFiniteValues"] = nonFinite,
            };
            contents.Add(Describe(EvidenceNames.SpectraFile, "text/csv", csv));
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var folder = System.IO.Path.Combine(_root, relativeDir);
            try
            {
                // A record without files (e.g. a clear segment: counts, model, calibration) needs no folder.
                if (contents.Count > 0)
                {
                    CreateDirectoryDurably(folder);
                }


                foreach (var (file, bytes) in contents)
                {
                    WriteDurably(System.IO.Path.Combine(folder, file.Name), bytes);
                }

                // The files' directory entries must survive a power cut too.
                if (contents.Count > 0)
                {
                    DirectorySync.Sync(folder);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogWriteFailed(_logger, id, folder, ex);
                throw new IOException($"Evidence {id} could not be written to {folder}: {ex.Message}", ex);
            }

            var total = contents.Sum(c => (long)c.Bytes.Length);
            var doc = new BsonDocument
            {
                ["_id"] = id,
                ["ts"] = now.ToUnixTimeMilliseconds(),
                ["kind"] = draft.Kind,
                ["lot"] = draft.Lot is null ? BsonValue.Null : new BsonValue(draft.Lot),
                ["alarm"] = draft.AlarmId is null ? BsonValue.Null : new BsonValue(draft.AlarmId),
                ["ack"] = false,
                ["dir"] = relativeDir,
                ["files"] = new BsonArray(contents.Select(c => (BsonValue)new BsonDocument
                {
                    ["name"] = c.File.Name,
                    ["type"] = c.File.ContentType,
                    ["bytes"] = c.File.Bytes,
                    ["sha256"] = c.File.Sha256,
                })),
                ["meta"] = metadata.ToJsonString(),
                ["bytes"] = total,
            };
            try
            {
                _records.Insert(doc);
                SyncLog();
            }
            catch (Exception ex) when (ex is LiteException or IOException)
            {
                LogWriteFailed(_logger, id, IndexPath, ex);
                throw new IOException($"Evidence {id} could not be indexed in {IndexPath}: {ex.Message}", ex);
            }

            Interlocked.Add(ref _bytes, total);
            Interlocked.Increment(ref _count);
            return id;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<EvidenceRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!EvidenceNames.IsEvidenceId(id))
        {
            return Task.FromResult<EvidenceRecord?>(null);
        }

        var doc = _records.FindById(id);
        return Task.FromResult(doc is null ? null : ToRecord(doc));
    }

    public async Task<EvidenceFileContent?> ReadFileAsync(string id, string fileName,
        CancellationToken cancellationToken = default)
    {
        if (!EvidenceNames.IsEvidenceId(id) || !EvidenceNames.IsFileName(fileName))
        {
            return null;
        }

        var doc = _records.FindById(id);
        if (doc is null)
        {
            return null;
        }

        var record = ToRecord(doc);
        var file = record.Files.FirstOrDefault(f => f.Name == fileName);
        if (file is null)
        {
            return null;
        }

        var path = System.IO.Path.Combine(_root, doc["dir"].AsString, file.Name);
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            LogFileMissing(_logger, id, path);
            return null;
        }

        var intact = Sha256Hex(content) == file.Sha256;
        if (!intact)
        {
            LogFileDamaged(_logger, id, path);
        }

        return new EvidenceFileContent(file, content, intact);
    }

    public async Task MarkAlarmAcknowledgedAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmId);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var changed = 0;
            foreach (var doc in _records.Find(Query.EQ("alarm", alarmId)).ToList())
            {
                if (!doc["ack"].AsBoolean)
                {
                    doc["ack"] = true;
                    _records.Update(doc);
                    changed++;
                }
            }

            if (changed > 0)
            {
                SyncLog();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<int> PruneAsync(EvidenceHolds holds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holds);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var cutoff = _time.GetUtcNow().ToUnixTimeMilliseconds() -
                         (long)TimeSpan.FromDays(_options.EvidenceRetentionDays).TotalMilliseconds;
            var bytes = StoredBytes;
            var victims = new List<BsonDocument>();
            var held = 0;

            // Oldest first: past the retention period, then whatever still exceeds the budget.
            foreach (var doc in _records.Query().OrderBy("$.ts").ToEnumerable())
            {
                if (victims.Count >= PruneBatchSize)
                {
                    break;
                }

                var expired = doc["ts"].AsInt64 < cutoff;
                if (!expired && bytes <= _options.EvidenceMaxDiskBytes)
                {
                    break;
                }

                if (holds.Holds(ToRecord(doc)))
                {
                    held++;
                    continue;
                }

                victims.Add(doc);
                bytes -= doc["bytes"].AsInt64;
            }

            if (victims.Count == 0)
            {
                if (bytes > _options.EvidenceMaxDiskBytes)
                {
                    LogBudgetHeld(_logger, bytes, _options.EvidenceMaxDiskBytes, held);
                }

                return 0;
            }

            // Index first, then files: a crash in between leaves unindexed folders, never dangling entries.
            foreach (var doc in victims)
            {
                _records.Delete(doc["_id"]);
            }

            SyncLog();
            foreach (var doc in victims)
            {
                Interlocked.Add(ref _bytes, -doc["bytes"].AsInt64);
                Interlocked.Decrement(ref _count);
                TryDeleteFolder(System.IO.Path.Combine(_root, doc["dir"].AsString));
            }

            LogPruned(_logger, victims.Count, held);
            return victims.Count;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Waits for a write in progress; later callers see ObjectDisposedException.
        _writeLock.Wait();
        _db.Dispose();
        _dataStream.Dispose();
        _logStream.Dispose();
        _writeLock.Release();
    }

    internal static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static (EvidenceFile File, byte[] Bytes) Describe(string name, string type, byte[] bytes) =>
        (new EvidenceFile(name, type, bytes.Length, Sha256Hex(bytes)), bytes);

    private static void Validate(EvidenceDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Kind))
        {
            throw new ArgumentException("Evidence needs a kind (detection, alarm, segment, …).", nameof(draft));
        }

        if (draft.Jpeg is not null &&
            (!EvidenceNames.IsFileName(draft.FrameFileName) || !draft.FrameFileName.EndsWith(".jpg", StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"Evidence frame file name '{draft.FrameFileName}' must be lower-case letters, digits, '-' or '_' " +
                "ending in .jpg.", nameof(draft));
        }

        if (draft.Jpeg is { Length: 0 })
        {
            throw new ArgumentException("Evidence JPEG is empty; leave Jpeg null when there is no frame.", nameof(draft));
        }

        if (draft.Spectra is { } spectra)
        {
            SpectraCsv.Validate(spectra);
        }

        if (draft.Thresholds is { } thresholds && thresholds.Values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Evidence thresholds must be finite numbers.", nameof(draft));
        }
    }

    private static JsonObject BuildMetadata(EvidenceDraft draft, string id, DateTimeOffset now)
    {
        var metadata = new JsonObject
        {
            ["id"] = id,
            ["createdAt"] = EnvelopeWriter.FormatTimestamp(now),
            ["kind"] = draft.Kind,
            ["lot"] = draft.Lot,
            ["alarmId"] = draft.AlarmId,
            ["device"] = draft.Device,
        };
        if (draft.Model is { } model)
        {
            metadata["model"] = new JsonObject { ["id"] = model.Id, ["version"] = model.Version, ["sha256"] = model.Sha256 };
        }

        if (draft.Thresholds is { } thresholds)
        {
            metadata["thresholds"] = new JsonObject(thresholds
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        }

        if (draft.Calibration is { } calibration)
        {
            metadata["calibration"] = calibration.DeepClone();
        }

        if (draft.Details is { } details)
        {
            metadata["details"] = details.DeepClone();
        }

        return metadata;
    }

    private static EvidenceRecord ToRecord(BsonDocument doc) => new(
        doc["_id"].AsString,
        DateTimeOffset.FromUnixTimeMilliseconds(doc["ts"].AsInt64),
        doc["kind"].AsString,
        doc["lot"].IsNull ? null : doc["lot"].AsString,
        doc["alarm"].IsNull ? null : doc["alarm"].AsString,
        doc["ack"].AsBoolean,
        [.. doc["files"].AsArray.Select(f => new EvidenceFile(
            f["name"].AsString, f["type"].AsString, f["bytes"].AsInt64, f["sha256"].AsString))],
        JsonNode.Parse(doc["meta"].AsString) as JsonObject ?? []);

    private void WriteDurably(string path, byte[] bytes)
    {
        // CreateNew: an evidence file is written once and never replaced.
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.Write(bytes);
        _fileSync.FlushToDisk(stream);
    }

    private static void CreateDirectoryDurably(string folder)
    {
        var missing = new Stack<string>();
        for (var dir = folder; !Directory.Exists(dir); dir = System.IO.Path.GetDirectoryName(dir)!)
        {
            missing.Push(dir);
        }

        Directory.CreateDirectory(folder);

        // Each new folder's entry lives in its parent: sync the parents top-down.
        foreach (var created in missing)
        {
            DirectorySync.Sync(System.IO.Path.GetDirectoryName(created)!);
        }
    }

    private void TryDeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(_logger, folder, ex);
        }
    }

    private void SyncLog()
    {
        lock (_logStream)
        {
            _fileSync.FlushToDisk(_logStream);
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information,
        Message = "Evidence index {Path} opened: {Count} records, {Bytes} bytes")]
    private static partial void LogOpened(ILogger logger, string path, long count, long bytes);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Critical, Message = "Evidence index {Path} cannot be opened")]
    private static partial void LogOpenFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "Evidence {Id} could not be stored at {Path}")]
    private static partial void LogWriteFailed(ILogger logger, string id, string path, Exception exception);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Error,
        Message = "Evidence {Id}: file {Path} no longer matches its SHA-256 (changed or damaged)")]
    private static partial void LogFileDamaged(ILogger logger, string id, string path);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Error, Message = "Evidence {Id}: indexed file {Path} is missing")]
    private static partial void LogFileMissing(ILogger logger, string id, string path);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Information,
        Message = "Pruned {Count} evidence records ({Held} kept for open lots or unacknowledged alarms)")]
    private static partial void LogPruned(ILogger logger, int count, int held);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Warning,
        Message = "Evidence uses {Bytes} bytes, over Storage:EvidenceMaxDiskBytes ({Budget}), but {Held} records are held for open lots or unacknowledged alarms")]
    private static partial void LogBudgetHeld(ILogger logger, long bytes, long budget, int held);

    [LoggerMessage(EventId = 1027, Level = LogLevel.Warning, Message = "Evidence folder {Path} could not be deleted")]
    private static partial void LogDeleteFailed(ILogger logger, string path, Exception exception);
}
