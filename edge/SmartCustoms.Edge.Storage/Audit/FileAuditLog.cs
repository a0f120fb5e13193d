using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Storage.Audit;

/// <summary>
/// <see cref="IAuditLog"/> as an append-only JSON Lines file, one canonical record per line, each fsynced before
/// <see cref="AppendAsync"/> completes. When the file would grow past <c>Storage:AuditFileMaxBytes</c> it is closed
/// under the name <see cref="AuditFiles.ClosedFileName"/> and a new <c>audit.jsonl</c> continues the chain (seq and
/// <c>prev</c> carry on), so opening reads one bounded file. On open the chain's head is read back; a torn last line (a crash in
/// the middle of a write, never acknowledged) is cut off and the cut is itself recorded. A chain already
/// broken further up is reported loudly but not repaired: new records link to the last line, and
/// <c>verify-audit</c> keeps pointing at the break.
/// Thread-safety: all public members are thread-safe; appends are serialised by one semaphore.
/// </summary>
public sealed partial class FileAuditLog : IAuditLog, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger<FileAuditLog> _logger;
    private readonly IFileSync _fileSync;
    /// <summary>The category of the configuration records (<c>ConfigurationAudit</c> compares with the last one at start).</summary>
    private const string ConfigurationCategory = "config";

    /// <summary>Closed files read at start, at most, to find the last record of categories absent from <c>audit.jsonl</c>.</summary>
    private const int ClosedFilesSearchedAtStart = 8;

    private readonly string _folder;
    private readonly long _maxFileBytes;
    private FileStream _stream;
    private long _fileFirstSeq = 1;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, AuditRecord> _lastByCategory = new(StringComparer.Ordinal);
    private long _count;
    private string _head = AuditRecordJson.GenesisHash;
    private IOException? _fault;
    private int _disposed;

    public FileAuditLog(IOptions<StorageOptions> options, TimeProvider timeProvider, ILogger<FileAuditLog> logger)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), timeProvider, logger, FileSync.Instance)
    {
    }

    internal FileAuditLog(StorageOptions options, TimeProvider timeProvider, ILogger<FileAuditLog> logger, IFileSync fileSync)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _fileSync = fileSync;
        var folder = Path.Combine(Path.GetFullPath(options.Path), "audit");
        _folder = folder;
        _maxFileBytes = options.AuditFileMaxBytes;
        FilePath = Path.Combine(folder, AuditFiles.CurrentFileName);
        try
        {
            var folderIsNew = !Directory.Exists(folder);
            Directory.CreateDirectory(folder);
            if (folderIsNew)
            {
                DirectorySync.Sync(Path.GetDirectoryName(folder)!);
            }

            var fileIsNew = !File.Exists(FilePath);
            _stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            if (fileIsNew)
            {
                DirectorySync.Sync(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Audit log {FilePath} cannot be opened: {ex.Message} (check Storage:Path and its permissions)", ex);
        }

        ContinueFromClosedFiles();
        var dropped = ReadHead();
        RememberFromClosedFiles();
        LogOpened(_logger, FilePath, _count, _head);
        if (dropped > 0)
        {
            LogTornTail(_logger, FilePath, dropped);
            AppendAsync(new AuditEntry("system", "torn-tail-dropped")
            {
                Actor = "gateway",
                Source = "startup",
                Outcome = "ok",
                Details = new JsonObject { ["droppedBytes"] = dropped },
            }).GetAwaiter().GetResult();
        }
    }

    public string FilePath { get; }

    public long Count => Interlocked.Read(ref _count);

    public AuditRecord? LastOf(string category)
    {
        lock (_lastByCategory)
        {
            return _lastByCategory.GetValueOrDefault(category);
        }
    }

    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.Category) || string.IsNullOrWhiteSpace(entry.Action))
        {
            throw new ArgumentException("An audit entry needs a category and an action.", nameof(entry));
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_fault is { } fault)
            {
                throw new IOException(fault.Message, fault);
            }

            var seq = _count + 1;
            var timestamp = _time.GetUtcNow();
            byte[] line;
            JsonObject record;
            try
            {
                record = AuditRecordJson.Build(entry, seq, timestamp, _head);
                line = [.. CanonicalJson.Serialize(record), (byte)'\n'];
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Audit entry {entry.Category}/{entry.Action} cannot be written: {ex.Message}", nameof(entry), ex);
            }

            var start = _stream.Length;
            try
            {
                if (start > 0 && start + line.Length > _maxFileBytes)
                {
                    CloseFullFile(seq - 1);
                    start = 0;
                }

                _stream.Seek(0, SeekOrigin.End);
                _stream.Write(line);
                _fileSync.FlushToDisk(_stream);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Like the event store: after a failed write or fsync nothing more can be promised durable.
                _fault = new IOException($"Audit log {FilePath}: write failed ({ex.Message}); the audit log refuses " +
                                         "further records until the gateway is restarted and the disk is checked.", ex);
                LogWriteFailed(_logger, FilePath, start, ex);
                throw _fault;
            }

            var hash = record["hash"]!.GetValue<string>();
            var written = new AuditRecord(seq, timestamp, entry.Category, entry.Action, _head, hash,
                Encoding.UTF8.GetString(line, 0, line.Length - 1));
            _head = hash;
            Interlocked.Exchange(ref _count, seq);
            lock (_lastByCategory)
            {
                _lastByCategory[entry.Category] = written;
            }

            return written;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _lock.Wait();
        _stream.Dispose();
        _lock.Release();
    }

    /// <summary>
    /// Closes the full <c>audit.jsonl</c> (already fsynced record by record) under its closed name and starts an
    /// empty one; both renames are made durable before the next record is written. Caller holds the lock.
    /// </summary>
    private void CloseFullFile(long lastSeq)
    {
        var closed = Path.Combine(_folder, AuditFiles.ClosedFileName(_fileFirstSeq, lastSeq));
        _stream.Dispose();
        File.Move(FilePath, closed);
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        DirectorySync.Sync(_folder);
        _fileFirstSeq = lastSeq + 1;
        LogFileClosed(_logger, closed, lastSeq);
    }

    /// <summary>Starts the chain where the newest closed file ends (its last seq and hash), if there is one.</summary>
    private void ContinueFromClosedFiles()
    {
        var closed = AuditFiles.Closed(_folder);
        if (closed.Count == 0)
        {
            return;
        }

        var lines = File.ReadAllLines(closed[^1], Encoding.UTF8);
        var last = lines.LastOrDefault(l => l.Length > 0);
        if (last is not null && JsonNode.Parse(last) is JsonObject record && record["seq"]?.GetValue<long>() is { } seq && record["hash"]?.GetValue<string>() is { } hash)
        {
            _count = seq;
            _head = hash;
        }
        else
        {
            // Unreadable tail of a closed file: go on from its line count; verify-audit names the damage.
            _count = lines.Length;
            _head = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(last ?? string.Empty)));
        }

        _fileFirstSeq = _count + 1;
    }

    /// <summary>
    /// Categories with no record in <c>audit.jsonl</c> (just after a file was closed) take their last record from
    /// the closed files, newest first, so <see cref="LastOf"/> survives the switch. The configuration record is
    /// written at every start, so the search stops when it is found, and after
    /// <see cref="ClosedFilesSearchedAtStart"/> files in any case (start-up time stays bounded).
    /// </summary>
    private void RememberFromClosedFiles()
    {
        var closed = AuditFiles.Closed(_folder);
        for (var i = closed.Count - 1; i >= 0 && i >= closed.Count - ClosedFilesSearchedAtStart && !_lastByCategory.ContainsKey(ConfigurationCategory); i--)
        {
            var known = new HashSet<string>(_lastByCategory.Keys, StringComparer.Ordinal);
            foreach (var text in File.ReadLines(closed[i], Encoding.UTF8))
            {
                try
                {
                    if (JsonNode.Parse(text) is JsonObject record && record["hash"]?.GetValue<string>() is { } hash &&
                        record["seq"]?.GetValue<long>() is { } seq && record["category"]?.GetValueKind() == JsonValueKind.String &&
                        !known.Contains(record["category"]!.GetValue<string>()))
                    {
                        Remember(record, hash, text, seq);
                    }
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
                {
                    // A damaged closed record is verify-audit's to report; it just cannot be remembered.
                }
            }
        }
    }

    /// <summary>Reads every complete line to find the head; returns how many bytes of a torn tail were cut.</summary>
    private long ReadHead()
    {
        _stream.Seek(0, SeekOrigin.Begin);
        var content = new byte[_stream.Length];
        _stream.ReadExactly(content);
        var end = Array.LastIndexOf(content, (byte)'\n') + 1;
        var dropped = content.Length - end;
        if (dropped > 0)
        {
            _stream.SetLength(end);
            _fileSync.FlushToDisk(_stream);
        }

        var broken = 0L;
        var start = 0;
        while (start < end)
        {
            var newline = Array.IndexOf(content, (byte)'\n', start);
            var text = Encoding.UTF8.GetString(content, start, newline - start);
            start = newline + 1;
            _count++;
            try
            {
                if (JsonNode.Parse(text) is JsonObject record && record["hash"]?.GetValue<string>() is { } hash)
                {
                    if (record["prev"]?.GetValue<string>() != _head || AuditRecordJson.HashOf(record) != hash)
                    {
                        broken = broken == 0 ? _count : broken;
                    }

                    _head = hash;
                    Remember(record, hash, text, _count);
                    continue;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                // Counted below as a broken record.
            }

            broken = broken == 0 ? _count : broken;
            _head = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        }

        if (broken > 0)
        {
            LogChainBroken(_logger, FilePath, broken);
        }

        return dropped;
    }

    private void Remember(JsonObject record, string hash, string text, long seq)
    {
        if (record["category"]?.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var category = record["category"]!.GetValue<string>();
        var timestamp = DateTimeOffset.TryParse(record["ts"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var ts) ? ts : DateTimeOffset.MinValue;
        _lastByCategory[category] = new AuditRecord(seq, timestamp, category,
            record["action"]?.ToString() ?? string.Empty, record["prev"]?.ToString() ?? string.Empty, hash, text);
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Audit log {Path} opened: {Count} records, head {Head}")]
    private static partial void LogOpened(ILogger logger, string path, long count, string head);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Information, Message = "Audit log file closed as {Path} at record {Seq}; the chain continues in audit.jsonl")]
    private static partial void LogFileClosed(ILogger logger, string path, long seq);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning,
        Message = "Audit log {Path}: cut {Bytes} bytes of an incomplete last record (a crash during a write); the cut is recorded")]
    private static partial void LogTornTail(ILogger logger, string path, long bytes);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Critical,
        Message = "Audit log {Path}: the chain is broken at record {Line}; run verify-audit. New records are still appended")]
    private static partial void LogChainBroken(ILogger logger, string path, long line);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Critical,
        Message = "Audit log {Path}: write at offset {Offset} failed; the audit log refuses further records")]
    private static partial void LogWriteFailed(ILogger logger, string path, long offset, Exception exception);
}
