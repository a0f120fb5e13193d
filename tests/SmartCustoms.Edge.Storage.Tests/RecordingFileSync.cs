namespace SmartCustoms.Edge.Storage.Tests;

/// <summary>
/// Real fsync that records every call and can hold a call at a gate, so a test can observe what the store does
/// while its fsync has not returned.
/// </summary>
internal sealed class RecordingFileSync : IFileSync
{
    private readonly object _lock = new();
    private readonly List<string> _calls = [];
    private TaskCompletionSource? _gate;
    private TaskCompletionSource<string> _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<FileStream, bool>? HoldWhen { get; set; }

    /// <summary>Makes the next fsync throw, as a failing disk would (EIO).</summary>
    public bool FailNext { get; set; }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public int LogSyncCount => Calls.Count(c => c.EndsWith("-log.db", StringComparison.Ordinal));

    /// <summary>Completes with the file name when a held fsync is entered.</summary>
    public Task<string> Entered => _entered.Task;

    /// <summary>Makes the next matching fsync wait until <see cref="Release"/>.</summary>
    public void HoldNext(Func<FileStream, bool> when)
    {
        lock (_lock)
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _entered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            HoldWhen = when;
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _gate?.TrySetResult();
        }
    }

    public void FlushToDisk(FileStream stream)
    {
        TaskCompletionSource? gate = null;
        lock (_lock)
        {
            if (HoldWhen is { } when && when(stream))
            {
                gate = _gate;
                HoldWhen = null;
            }
        }

        if (FailNext)
        {
            FailNext = false;
            throw new IOException("Input/output error");
        }

        if (gate is not null)
        {
            _entered.TrySetResult(stream.Name);
            gate.Task.Wait(TimeSpan.FromSeconds(30));
        }

        stream.Flush(flushToDisk: true);
        lock (_lock)
        {
            _calls.Add(stream.Name);
        }
    }
}
