namespace SmartCustoms.Edge.Storage;

/// <summary>Deletes delivered events past retention.</summary>
internal sealed class PruneOperation : StoreOperation
{
    public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
