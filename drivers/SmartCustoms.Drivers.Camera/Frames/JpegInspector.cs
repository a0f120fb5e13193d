using System.Buffers.Binary;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// Cheap sanity checks on an encoded JPEG without decoding it: start-of-image (FF D8), end-of-image (FF D9)
/// and the frame header (SOFn) that carries the size. Catches truncated and garbled images before they reach
/// a decoder. Thread-safe (stateless).
/// </summary>
internal static class JpegInspector
{
    // Cameras and encoders sometimes pad after EOI; tolerate a little.
    private const int MaxTrailingPadding = 32;

    /// <returns>Null when the image looks valid, else what is wrong, in words.</returns>
    public static string? Inspect(ReadOnlySpan<byte> jpeg, out int width, out int height)
    {
        width = 0;
        height = 0;
        if (jpeg.Length < 4)
        {
            return $"only {jpeg.Length} bytes";
        }

        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return $"does not start with the JPEG start-of-image marker FF D8 (starts {jpeg[0]:X2} {jpeg[1]:X2})";
        }

        var end = jpeg.Length;
        var padding = 0;
        while (end > 2 && padding < MaxTrailingPadding && jpeg[end - 1] is 0x00 or 0x0D or 0x0A or 0x20)
        {
            end--;
            padding++;
        }

        if (jpeg[end - 2] != 0xFF || jpeg[end - 1] != 0xD9)
        {
            return "does not end with the JPEG end-of-image marker FF D9 (truncated)";
        }

        return ReadFrameHeader(jpeg[..end], out width, out height);
    }

    private static string? ReadFrameHeader(ReadOnlySpan<byte> jpeg, out int width, out int height)
    {
        width = 0;
        height = 0;
        var p = 2;
        while (p < jpeg.Length - 1)
        {
            if (jpeg[p] != 0xFF)
            {
                return $"expected a marker at byte {p}, found {jpeg[p]:X2}";
            }

            while (p < jpeg.Length && jpeg[p] == 0xFF)
            {
                p++; // fill bytes
            }

            if (p >= jpeg.Length)
            {
                break;
            }

            var marker = jpeg[p++];
            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                continue; // markers without a length
            }

            if (marker == 0xD9)
            {
                return "no frame header (SOF) before the end-of-image marker";
            }

            if (marker == 0xDA)
            {
                return "no frame header (SOF) before the scan data";
            }

            if (p + 2 > jpeg.Length)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[p..]);
            if (length < 2 || p + length > jpeg.Length)
            {
                return $"segment FF {marker:X2} at byte {p - 2} has length {length}, past the end of the image";
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 8)
                {
                    return $"frame header FF {marker:X2} is only {length} bytes";
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(p + 3)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(p + 5)..]);
                return width == 0 || height == 0 ? $"frame header says {width}×{height} pixels" : null;
            }

            p += length;
        }

        return "segments run past the end of the image";
    }
}
