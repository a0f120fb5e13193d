namespace SmartCustoms.Edge.Storage;

/// <summary>Raised after a commit group is durable (fsync done), with the events it stored in seq order.</summary>
public sealed class EventsAppendedEventArgs(IReadOnlyList<StoredEvent> events) : EventArgs
{
    /// <summary>The events stored by the commit group, in seq order.</summary>
    public IReadOnlyList<StoredEvent> Events { get; } = events;
}
