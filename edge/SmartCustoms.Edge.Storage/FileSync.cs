namespace SmartCustoms.Edge.Storage;

/// <summary>The real fsync: <see cref="FileStream.Flush(bool)"/> with flushToDisk (fsync on Linux).</summary>
internal sealed class FileSync : IFileSync
{
    public static readonly FileSync Instance = new();

    public void FlushToDisk(FileStream stream) => stream.Flush(flushToDisk: true);
}
