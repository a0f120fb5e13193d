namespace SmartCustoms.Edge.Storage;

/// <summary>Stores one draft.</summary>
internal sealed class AppendOperation(EventDraft draft) : StoreOperation
{
    public EventDraft Draft { get; } = draft;

    public TaskCompletionSource<StoredEvent> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception exception) => Completion.TrySetException(exception);
}
