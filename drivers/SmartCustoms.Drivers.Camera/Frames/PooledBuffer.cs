using System.Buffers;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>; returns the array on dispose.
/// Growth is capped by the caller (every append names the limit), so bad input never grows it without bound.
/// Not thread-safe.
/// </summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[]? _array;

    public PooledBuffer(int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    public int Length { get; private set; }

    public int Capacity => Array.Length;

    public Memory<byte> Memory => Array.AsMemory(0, Length);

    public Span<byte> Span => Array.AsSpan(0, Length);

    /// <summary>The rented array itself (longer than <see cref="Length"/>), for APIs that pin an array.</summary>
    public byte[] UnderlyingArray => Array;

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    /// <summary>Sets the length (growing the array when needed); the new bytes are whatever the array held.</summary>
    public void SetLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        EnsureCapacity(length);
        Length = length;
    }

    /// <summary>The writable span from <paramref name="offset"/> to the end of the current length.</summary>
    public Memory<byte> WritableFrom(int offset) => Array.AsMemory(offset, Length - offset);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(Length + bytes.Length);
        bytes.CopyTo(Array.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Clear() => Length = 0;

    private void EnsureCapacity(int needed)
    {
        var array = Array;
        if (needed <= array.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, (int)Math.Min(int.MaxValue, array.Length * 2L)));
        array.AsSpan(0, Length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(array);
        _array = grown;
    }

    public void Dispose()
    {
        var array = _array;
        _array = null;
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
