namespace SmartCustoms.Edge.Storage;

/// <summary>The database file could not be opened (corrupt or not a LiteDB file). The message names the path.</summary>
public sealed class StorageCorruptedException : IOException
{
    public StorageCorruptedException()
    {
    }

    public StorageCorruptedException(string message)
        : base(message)
    {
    }

    public StorageCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
