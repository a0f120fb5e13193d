using System.Buffers;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>
/// The payload of one IEEE 488.2 definite-length block, in a pooled buffer.
/// Dispose it as soon as the data is decoded; the span is invalid afterwards. Not thread-safe.
/// </summary>
public sealed class ScpiBlock : IDisposable
{
    private readonly ArrayPool<byte>? _pool;
    private byte[]? _buffer;

    internal ScpiBlock(byte[] buffer, int length, ArrayPool<byte>? pool)
    {
        _buffer = buffer;
        Length = length;
        _pool = pool;
    }

    /// <summary>Payload length in bytes (the block header's <c>len</c>).</summary>
    public int Length { get; }

    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            return _buffer.AsSpan(0, Length);
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _pool is not null)
        {
            _pool.Return(buffer);
        }
    }
}
