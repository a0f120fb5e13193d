namespace SmartCustoms.Edge.Storage;

/// <summary>The disk budget refuses an append of this priority; the caller must apply backpressure.</summary>
public sealed class StorageFullException : IOException
{
    public StorageFullException()
    {
    }

    public StorageFullException(string message)
        : base(message)
    {
    }

    public StorageFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
