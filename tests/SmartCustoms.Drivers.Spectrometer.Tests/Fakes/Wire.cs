using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

/// <summary>Builds reply bytes exactly as CONTRACT.md describes them (independent of the driver's code).</summary>
internal static class Wire
{
    public static byte[] Line(string text) => Encoding.ASCII.GetBytes(text + "\n");

    /// <summary><c>#&lt;d&gt;&lt;len&gt;&lt;payload&gt;\n</c>.</summary>
    public static byte[] Block(byte[] payload)
    {
        var len = payload.Length.ToString(CultureInfo.InvariantCulture);
        var header = Encoding.ASCII.GetBytes("#" + len.Length.ToString(CultureInfo.InvariantCulture) + len);
        return [.. header, .. payload, (byte)'\n'];
    }

    public static byte[] Floats(IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    public static byte[] FloatBlock(IReadOnlyList<float> values) => Block(Floats(values));

    public static byte[] SpectrumRecord(ulong sequence, long deviceMicroseconds, float temperatureC, IReadOnlyList<float> counts)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt64LittleEndian(header, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), deviceMicroseconds);
        BinaryPrimitives.WriteSingleLittleEndian(header.AsSpan(16), temperatureC);
        return [.. header, .. Floats(counts)];
    }
}
