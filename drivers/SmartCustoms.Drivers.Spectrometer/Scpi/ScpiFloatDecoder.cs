using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>Decodes little-endian float32 payloads without per-element allocation. Thread-safe (stateless).</summary>
public static class ScpiFloatDecoder
{
    /// <summary>Copies <paramref name="source"/> (4 bytes per value) into <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (source.Length != destination.Length * 4)
        {
            throw new ArgumentException($"{source.Length} bytes do not hold exactly {destination.Length} float32 values", nameof(source));
        }

        if (BitConverter.IsLittleEndian)
        {
            // Same byte order as the wire: a straight reinterpreting copy.
            MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * 4, 4));
        }
    }

    /// <summary>Decodes a whole block of <paramref name="expectedCount"/> values (one per pixel).</summary>
    public static float[] DecodePixels(ReadOnlySpan<byte> block, int expectedCount, string what)
    {
        if (block.Length != expectedCount * 4)
        {
            throw new ProtocolException(
                $"{what}: block of {block.Length} bytes holds {block.Length / 4} values, expected {expectedCount} (one float32 per pixel)");
        }

        var values = new float[expectedCount];
        Decode(block, values);
        return values;
    }
}
