namespace SmartCustoms.Edge.Storage;

/// <summary>Marks events delivered.</summary>
internal sealed class MarkDeliveredOperation(long[] seqs) : StoreOperation
{
    public long[] Seqs { get; } = seqs;

    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
