namespace SmartCustoms.Edge.Storage;

/// <summary>
/// A FileStream whose plain <see cref="Flush()"/> is an fsync. LiteDB 5.0.21 calls <c>Flush()</c> on the data
/// file after a checkpoint copies log pages into it and before it truncates the log; with a stream handed to
/// LiteDB that call would otherwise only reach the OS cache, so a power cut right after a checkpoint could lose
/// events that were already acknowledged.
/// </summary>
internal sealed class DurableFileStream(string path, FileMode mode, IFileSync fileSync)
    : FileStream(path, mode, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess)
{
    public override void Flush() => fileSync.FlushToDisk(this);
}
