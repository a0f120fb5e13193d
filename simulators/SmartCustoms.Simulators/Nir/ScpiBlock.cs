using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SmartCustoms.Simulators.Nir;

/// <summary>IEEE 488.2 definite-length blocks: <c>#&lt;d&gt;&lt;len&gt;&lt;bytes&gt;</c>.</summary>
public static class ScpiBlock
{
    /// <summary>The block header for <paramref name="length"/> bytes, e.g. <c>#41024</c>.</summary>
    public static byte[] Header(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        string len = length.ToString(CultureInfo.InvariantCulture);
        if (len.Length > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A definite-length block holds at most 999,999,999 bytes.");
        }

        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"#{len.Length}{len}"));
    }

    /// <summary>A whole block of little-endian float32 values followed by a newline.</summary>
    public static byte[] OfFloats(ReadOnlySpan<float> values)
    {
        byte[] header = Header(values.Length * 4);
        byte[] result = new byte[header.Length + (values.Length * 4) + 1];
        header.CopyTo(result, 0);
        WriteFloats(values, result.AsSpan(header.Length));
        result[^1] = (byte)'\n';
        return result;
    }

    /// <summary>Writes <paramref name="values"/> as little-endian float32 into <paramref name="destination"/>.</summary>
    public static void WriteFloats(ReadOnlySpan<float> values, Span<byte> destination)
    {
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
        }
    }

    /// <summary>Bytes of one spectrum in a FETC:BURS? block: uint64 sequence, int64 device µs, float32 °C, pixels.</summary>
    public static int BurstRecordSize(int pixels) => 8 + 8 + 4 + (pixels * 4);

    public static void WriteBurstRecord(AcquiredSpectrum spectrum, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, spectrum.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], spectrum.DeviceTimeMicroseconds);
        BinaryPrimitives.WriteSingleLittleEndian(destination[16..], spectrum.DetectorTemperatureC);
        WriteFloats(spectrum.Counts, destination[20..]);
    }
}
