namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>A read-only stream over fixed bytes that hands them out in chosen pieces, to split parts across reads.</summary>
internal sealed class ChunkedStream(byte[] data, Func<int, int> nextChunkSize) : Stream
{
    private int _position;

    public static ChunkedStream SplitAt(byte[] data, int splitOffset) =>
        new(data, position => position < splitOffset ? splitOffset - position : data.Length);

    public static ChunkedStream ByteByByte(byte[] data) => new(data, _ => 1);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(buffer.Length, data.Length - _position), Math.Max(1, nextChunkSize(_position)));
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
