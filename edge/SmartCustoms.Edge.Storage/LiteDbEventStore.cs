using System.Threading.Channels;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Storage;

/// <summary>
/// <see cref="IEventStore"/> on LiteDB 5 with group commit and fsync.
/// <para>
/// LiteDB 5.0.21 writes a commit's pages into its <c>-log.db</c> file and returns without any flush, so the
/// store opens LiteDB on its own <see cref="DurableFileStream"/>s and, after each commit group, fsyncs the log
/// file itself before completing the appenders (see <see cref="IFileSync"/>). One writer thread owns every
/// write: LiteDB transactions are bound to a thread, and one thread lets many concurrent appends share one
/// transaction and one fsync.
/// </para>
/// Thread-safety: all public members are thread-safe.
/// </summary>
public sealed partial class LiteDbEventStore : IEventStore, IDisposable
{
    private const string EventsCollection = "events";
    private const string MetaCollection = "meta";

    /// <summary>Rough per-record cost on disk beside the envelope itself (BSON fields, index nodes).</summary>
    private const int RecordOverheadBytes = 256;

    /// <summary>Most events deleted by one prune operation, so one commit group stays short.</summary>
    internal const int PruneBatchSize = 10_000;

    /// <summary>pk = priority * PriorityStride + seq orders the outbox by priority, then seq, in one index.</summary>
    private const long PriorityStride = 1_000_000_000_000_000L;

    private readonly StorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LiteDbEventStore> _logger;
    private readonly IFileSync _fileSync;
    private readonly Channel<StoreOperation> _operations = Channel.CreateUnbounded<StoreOperation>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly FileStream _lockFile;
    private readonly DurableFileStream _dataStream;
    private readonly DurableFileStream _logStream;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _events;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly Thread _writer;
    private readonly StorageMetrics _metrics;

    private long _lastSeq;
    private long _pendingCount;
    private long _storedBytes;
    private int _disposed;
    private IOException? _fault;

    public LiteDbEventStore(IOptions<StorageOptions> options, TimeProvider timeProvider,
        ILogger<LiteDbEventStore> logger)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), timeProvider, logger,
            FileSync.Instance)
    {
    }

    internal LiteDbEventStore(StorageOptions options, TimeProvider timeProvider, ILogger<LiteDbEventStore> logger,
        IFileSync fileSync)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _fileSync = fileSync;
        var folder = System.IO.Path.GetFullPath(options.Path);
        DataPath = System.IO.Path.Combine(folder, "events.db");
        LogPath = System.IO.Path.Combine(folder, "events-log.db");
        var isNew = !File.Exists(DataPath);

        try
        {
            Directory.CreateDirectory(folder);
            // FileShare.None is an exclusive flock on Linux: a second gateway on the same folder fails here
            // instead of interleaving commits into the same files.
            _lockFile = new FileStream(System.IO.Path.Combine(folder, "events.lock"), FileMode.OpenOrCreate,
                FileAccess.ReadWrite, FileShare.None);
            _dataStream = new DurableFileStream(DataPath, FileMode.OpenOrCreate, fileSync);
            _logStream = new DurableFileStream(LogPath, FileMode.OpenOrCreate, fileSync);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _dataStream?.Dispose();
            _lockFile?.Dispose();
            throw new IOException($"Event store {DataPath} cannot be opened: {ex.Message} " +
                                  "(check Storage:Path and its permissions; is another gateway running on it?)", ex);
        }

        try
        {
            // Both streams are ours: LiteDB never disposes streams it was handed.
            _db = new LiteDatabase(_dataStream, new BsonMapper(), _logStream);
            _events = _db.GetCollection(EventsCollection, BsonAutoId.Int64);
            _meta = _db.GetCollection(MetaCollection);
            _events.EnsureIndex("pk");
            _events.EnsureIndex("ts");
            var state = _meta.FindById("state");
            _lastSeq = state?["lastSeq"].AsInt64 ?? 0;
            _storedBytes = state?["storedBytes"].AsInt64 ?? 0;
            _pendingCount = _events.Count(Query.GTE("pk", 0));

            // The meta document is the authority for lastSeq (events may have been pruned); a store whose
            // meta lags its events (not written by this class) still must never reuse a seq.
            var newest = _events.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
            if (newest is not null && newest["_id"].AsInt64 > _lastSeq)
            {
                _lastSeq = newest["_id"].AsInt64;
            }

            SyncLog();
        }
        catch (Exception ex)
        {
            // Whatever LiteDB throws on a damaged file (LiteException, cast, range, null reference inside its
            // page parsing), the operator needs the path and what to do, not a stack trace.
            LogOpenFailed(_logger, DataPath, ex);
            _db?.Dispose();
            _dataStream.Dispose();
            _logStream.Dispose();
            _lockFile.Dispose();
            throw new StorageCorruptedException(
                $"Event store {DataPath} is damaged and cannot be opened ({ex.GetType().Name}: {ex.Message}). " +
                "Stop the gateway, move the file and its -log.db aside (keep them for analysis) and start again " +
                "with an empty store.", ex);
        }

        if (isNew)
        {
            DirectorySync.Sync(folder);
        }

        _metrics = new StorageMetrics(this);
        LogOpened(_logger, DataPath, _lastSeq, _pendingCount, _storedBytes);
        _writer = new Thread(WriterLoop) { Name = "EventStoreWriter", IsBackground = true };
        _writer.Start();
    }

    /// <summary>Full path of the LiteDB data file.</summary>
    public string DataPath { get; }

    /// <summary>Full path of the LiteDB log (write-ahead) file.</summary>
    public string LogPath { get; }

    public string Site => _options.Site;

    public string Lane => _options.Lane;

    public long LastSeq => Interlocked.Read(ref _lastSeq);

    public long PendingCount => Interlocked.Read(ref _pendingCount);

    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    public bool IsOverBudget => StoredBytes >= _options.MaxDiskBytes;

    public event EventHandler<EventsAppendedEventArgs>? Appended;

    public Task<StoredEvent> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ValidateDraft(draft);
        cancellationToken.ThrowIfCancellationRequested();
        var op = new AppendOperation(draft);
        Enqueue(op);

        // A cancelled wait does not un-store the event: the writer may already have committed it.
        return op.Completion.Task.WaitAsync(cancellationToken);
    }

    public Task MarkDeliveredAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        if (seqs.Count == 0)
        {
            return Task.CompletedTask;
        }

        var op = new MarkDeliveredOperation([.. seqs]);
        Enqueue(op);
        return op.Completion.Task.WaitAsync(cancellationToken);
    }

    public Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var op = new PruneOperation();
        Enqueue(op);
        return op.Completion.Task.WaitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<StoredEvent> result = _events.Query()
            .Where("$.pk >= @0", new BsonValue(0L))
            .OrderBy("$.pk")
            .Limit(max)
            .ToEnumerable()
            .Select(ToStoredEvent)
            .ToList();
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterSeq, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<StoredEvent> result = _events.Query()
            .Where("$._id > @0", new BsonValue(afterSeq))
            .OrderBy("$._id")
            .Limit(limit)
            .ToEnumerable()
            .Select(ToStoredEvent)
            .ToList();
        return Task.FromResult(result);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _operations.Writer.TryComplete();
        _writer.Join();

        // LiteDB checkpoints on dispose: log pages go into the data file, which DurableFileStream fsyncs.
        _db.Dispose();
        _dataStream.Dispose();
        _logStream.Dispose();
        _lockFile.Dispose();
        _metrics.Dispose();
    }

    private static void ValidateDraft(EventDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Type) || string.IsNullOrWhiteSpace(draft.Schema) ||
            string.IsNullOrWhiteSpace(draft.TopicSuffix))
        {
            throw new ArgumentException("An event needs a type, a schema and a topic suffix.", nameof(draft));
        }

        if (draft.TopicSuffix.StartsWith('/') || draft.TopicSuffix.EndsWith('/') ||
            draft.TopicSuffix.AsSpan().IndexOfAny("+#") >= 0)
        {
            throw new ArgumentException(
                $"Topic suffix '{draft.TopicSuffix}' must not start or end with '/' or contain '+' or '#'.",
                nameof(draft));
        }

        if (!Enum.IsDefined(draft.Priority))
        {
            throw new ArgumentException($"Unknown priority {(int)draft.Priority}.", nameof(draft));
        }
    }

    private void Enqueue(StoreOperation op)
    {
        if (Volatile.Read(ref _fault) is { } fault)
        {
            throw new IOException(fault.Message, fault);
        }

        if (Volatile.Read(ref _disposed) != 0 || !_operations.Writer.TryWrite(op))
        {
            throw new ObjectDisposedException(nameof(LiteDbEventStore), "The event store is closed.");
        }
    }

    private void WriterLoop()
    {
        var batch = new List<StoreOperation>(_options.CommitBatchMaxSize);
        var reader = _operations.Reader;
        while (true)
        {
            if (!reader.TryRead(out var first))
            {
                // Blocking here is intended: this is the store's own thread, and LiteDB transactions must stay
                // on the thread that began them.
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return;
                }

                continue;
            }

            batch.Add(first);
            while (batch.Count < _options.CommitBatchMaxSize && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            ExecuteBatch(batch);
            batch.Clear();
        }
    }

    private void ExecuteBatch(List<StoreOperation> batch)
    {
        var lastSeq = _lastSeq;
        var storedBytes = _storedBytes;
        var pending = _pendingCount;
        var appended = new List<(AppendOperation Op, StoredEvent Event)>();
        var marked = new List<MarkDeliveredOperation>();
        var pruned = new List<(PruneOperation Op, int Count)>();
        var nowMs = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

        try
        {
            _db.BeginTrans();
            foreach (var op in batch)
            {
                switch (op)
                {
                    case AppendOperation append:
                        var stored = TryInsert(append, ref lastSeq, ref storedBytes, ref pending);
                        if (stored is not null)
                        {
                            appended.Add((append, stored));
                        }

                        break;
                    case MarkDeliveredOperation mark:
                        pending -= MarkDelivered(mark.Seqs, nowMs);
                        marked.Add(mark);
                        break;
                    case PruneOperation prune:
                        var deleted = Prune(nowMs, ref storedBytes);
                        pruned.Add((prune, deleted));
                        break;
                }
            }

            _meta.Upsert(new BsonDocument
            {
                ["_id"] = "state",
                ["lastSeq"] = lastSeq,
                ["storedBytes"] = storedBytes,
            });
            _db.Commit();
        }
        catch (Exception ex)
        {
            // Nothing of the group is stored: seqs handed out in it are free again, so seq stays gapless.
            TryRollback();
            LogCommitFailed(_logger, DataPath, batch.Count, ex);
            _metrics.CommitFailed();
            var failure = new IOException($"Event store {DataPath}: commit failed: {ex.Message}", ex);
            foreach (var op in batch)
            {
                op.Fail(failure);
            }

            return;
        }

        // Committed: these seqs are taken whether or not the fsync below succeeds.
        Interlocked.Exchange(ref _lastSeq, lastSeq);
        Interlocked.Exchange(ref _storedBytes, storedBytes);
        Interlocked.Exchange(ref _pendingCount, pending);
        try
        {
            SyncLog();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // After a failed fsync the OS may have dropped the dirty pages and a retry would "succeed" on
            // nothing, so nothing written from now on can be promised durable: stop accepting writes loudly.
            var fault = new IOException(
                $"Event store {DataPath}: fsync failed ({ex.Message}); the storage device is not reliable. " +
                "The gateway stores nothing more until it is restarted and the disk is checked.", ex);
            Volatile.Write(ref _fault, fault);
            LogSyncFailed(_logger, DataPath, ex);
            _metrics.CommitFailed();
            foreach (var op in batch)
            {
                op.Fail(fault);
            }

            return;
        }

        _metrics.Committed(appended.Count);

        foreach (var (op, stored) in appended)
        {
            op.Completion.TrySetResult(stored);
        }

        foreach (var op in marked)
        {
            op.Completion.TrySetResult(true);
        }

        foreach (var (op, count) in pruned)
        {
            op.Completion.TrySetResult(count);
        }

        if (appended.Count > 0)
        {
            RaiseAppended([.. appended.Select(a => a.Event)]);
        }
    }

    private StoredEvent? TryInsert(AppendOperation append, ref long lastSeq, ref long storedBytes, ref long pending)
    {
        var draft = append.Draft;
        var seq = lastSeq + 1;
        var id = Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString("D");
        var timestamp = _timeProvider.GetUtcNow();
        string envelope;
        try
        {
            envelope = EnvelopeWriter.Write(draft, seq, id, timestamp, _options.Site, _options.Lane);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            append.Fail(new ArgumentException($"Event '{draft.Type}' cannot be serialized: {ex.Message}", ex));
            return null;
        }

        var size = System.Text.Encoding.UTF8.GetByteCount(envelope) + RecordOverheadBytes;
        if (size - RecordOverheadBytes > _options.MaxEventBytes)
        {
            append.Fail(new ArgumentException(
                $"Event '{draft.Type}' is {size - RecordOverheadBytes} bytes, more than Storage:MaxEventBytes " +
                $"({_options.MaxEventBytes}); store large evidence beside the event."));
            return null;
        }

        var limit = draft.Priority == EventPriority.Normal
            ? _options.MaxDiskBytes
            : _options.MaxDiskBytes + _options.CriticalReserveBytes;
        if (storedBytes + size > limit)
        {
            _metrics.Refused(draft.Priority);
            LogRefused(_logger, draft.Type, draft.Priority, storedBytes, limit);
            append.Fail(new StorageFullException(
                $"Event store {DataPath} is full: {storedBytes} of {limit} bytes used; a {draft.Priority} " +
                $"'{draft.Type}' event was refused. Free disk budget (Storage:MaxDiskBytes, Storage:RetentionDays) " +
                "or restore the broker connection so delivered events can be pruned."));
            return null;
        }

        var doc = new BsonDocument
        {
            ["_id"] = seq,
            ["eid"] = id,
            ["ty"] = draft.Type,
            ["sc"] = draft.Schema,
            ["tp"] = draft.TopicSuffix,
            ["rt"] = draft.Retained,
            ["pr"] = (int)draft.Priority,
            ["lot"] = draft.Lot is null ? BsonValue.Null : new BsonValue(draft.Lot),
            ["ts"] = timestamp.ToUnixTimeMilliseconds(),
            ["env"] = envelope,
            ["pk"] = ((long)draft.Priority * PriorityStride) + seq,
            ["dt"] = BsonValue.Null,
            ["sz"] = size,
        };
        _events.Insert(doc);
        lastSeq = seq;
        storedBytes += size;
        pending++;
        return new StoredEvent(seq, id, timestamp, draft.Type, draft.Schema, draft.TopicSuffix, draft.Retained,
            draft.Priority, draft.Lot, Delivered: false, envelope);
    }

    private int MarkDelivered(long[] seqs, long nowMs)
    {
        var count = 0;
        foreach (var seq in seqs)
        {
            var doc = _events.FindById(seq);
            if (doc is null || doc["pk"].IsNull)
            {
                continue;
            }

            doc["pk"] = BsonValue.Null;
            doc["dt"] = nowMs;
            _events.Update(doc);
            count++;
        }

        return count;
    }

    private int Prune(long nowMs, ref long storedBytes)
    {
        var cutoff = nowMs - (long)TimeSpan.FromDays(_options.RetentionDays).TotalMilliseconds;
        var victims = _events.Query()
            .Where("$.ts < @0 AND $.pk = null", new BsonValue(cutoff))
            .Limit(PruneBatchSize)
            .ToEnumerable()
            .Select(d => (Seq: d["_id"].AsInt64, Size: d["sz"].AsInt32))
            .ToList();
        foreach (var (seq, size) in victims)
        {
            _events.Delete(seq);
            storedBytes -= size;
        }

        if (victims.Count > 0)
        {
            LogPruned(_logger, victims.Count, _options.RetentionDays);
        }

        return victims.Count;
    }

    private void SyncLog()
    {
        // LiteDB's ConcurrentStream wrappers lock on the FileStream itself; take the same lock so the fsync
        // never interleaves with a reader moving the shared position.
        lock (_logStream)
        {
            _fileSync.FlushToDisk(_logStream);
        }

        // Null only during open, before the metrics exist.
        _metrics?.Synced();
    }

    private void TryRollback()
    {
        try
        {
            _db.Rollback();
        }
        catch (LiteException ex)
        {
            LogRollbackFailed(_logger, DataPath, ex);
        }
    }

    private void RaiseAppended(IReadOnlyList<StoredEvent> events)
    {
        try
        {
            Appended?.Invoke(this, new EventsAppendedEventArgs(events));
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the writer thread that every append depends on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSubscriberFailed(_logger, ex);
        }
    }

    private static StoredEvent ToStoredEvent(BsonDocument d) => new(
        d["_id"].AsInt64,
        d["eid"].AsString,
        DateTimeOffset.FromUnixTimeMilliseconds(d["ts"].AsInt64),
        d["ty"].AsString,
        d["sc"].AsString,
        d["tp"].AsString,
        d["rt"].AsBoolean,
        (EventPriority)d["pr"].AsInt32,
        d["lot"].IsNull ? null : d["lot"].AsString,
        Delivered: d["pk"].IsNull,
        d["env"].AsString);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Event store {Path} opened: last seq {LastSeq}, {Pending} pending, {Bytes} bytes stored")]
    private static partial void LogOpened(ILogger logger, string path, long lastSeq, long pending, long bytes);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "Event store {Path} cannot be opened")]
    private static partial void LogOpenFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "Event store {Path}: commit of {Count} operations failed; nothing of them is stored")]
    private static partial void LogCommitFailed(ILogger logger, string path, int count, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Disk budget reached: {Priority} event '{Type}' refused ({Bytes} bytes stored, limit {Limit})")]
    private static partial void LogRefused(ILogger logger, string type, EventPriority priority, long bytes, long limit);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Pruned {Count} delivered events older than {Days} days")]
    private static partial void LogPruned(ILogger logger, int count, double days);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Event store {Path}: rollback failed")]
    private static partial void LogRollbackFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Critical,
        Message = "Event store {Path}: fsync failed; the store refuses all further writes until restart")]
    private static partial void LogSyncFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "An Appended subscriber threw")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
