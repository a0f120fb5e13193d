namespace SmartCustoms.Edge.Storage;

/// <summary>
/// Forces a file's written bytes to the storage device (fsync). A seam so tests can prove that an append
/// completes only after this call. Implementations must be thread-safe.
/// </summary>
internal interface IFileSync
{
    void FlushToDisk(FileStream stream);
}
