namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// Model calls started in arrival order, each run on the thread pool, up to a limit at once, and handed back in the
/// order they were started whatever order they finish in: what follows the model sees the bursts in sequence. Owned by
/// one loop (not thread-safe itself; the calls run concurrently).
/// </summary>
internal sealed class OrderedModelCalls<TBatch, TResult>
{
    private readonly Queue<(TBatch Batch, Task<TResult> Result)> _calls = new();
    private readonly int _parallelism;

    public OrderedModelCalls(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _parallelism = parallelism;
    }

    /// <summary>Calls started and not yet taken.</summary>
    public int Count => _calls.Count;

    /// <summary>Whether another call may start now.</summary>
    public bool HasRoom => _calls.Count < _parallelism;

    /// <summary>Whether the oldest call has finished (its result can be taken without waiting).</summary>
    public bool OldestIsDone => _calls.Count > 0 && _calls.Peek().Result.IsCompleted;

    /// <summary>The oldest call, to wait on together with something else.</summary>
    public Task Oldest => _calls.Count > 0 ? _calls.Peek().Result : throw new InvalidOperationException("no call in flight");

    /// <summary>Starts <paramref name="call"/> for <paramref name="batch"/> on the thread pool.</summary>
    public void Start(TBatch batch, Func<TResult> call)
    {
        if (!HasRoom)
        {
            throw new InvalidOperationException($"{_parallelism} calls already in flight");
        }

        _calls.Enqueue((batch, Task.Run(call)));
    }

    /// <summary>Waits for the oldest call and takes it with its batch; a call's exception is thrown here.</summary>
    public async Task<(TBatch Batch, TResult Result)> TakeOldestAsync()
    {
        var (batch, result) = _calls.Dequeue();
        return (batch, await result.ConfigureAwait(false));
    }
}
