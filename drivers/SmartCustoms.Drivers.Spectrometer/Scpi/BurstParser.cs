using System.Buffers.Binary;
using System.Globalization;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Spectrometer;

namespace SmartCustoms.Drivers.Spectrometer.Scpi;

/// <summary>
/// Parses the block of <c>FETC:BURS? n</c>: per spectrum a little-endian header
/// (uint64 sequence, int64 device time µs, float32 detector temperature °C) then one float32 per pixel.
/// Thread-safe (stateless).
/// </summary>
public static class BurstParser
{
    /// <summary>Bytes of the per-spectrum header.</summary>
    public const int HeaderBytes = 8 + 8 + 4;

    /// <summary>Bytes one spectrum takes in a burst block.</summary>
    public static long SpectrumBytes(int pixels) => HeaderBytes + (4L * pixels);

    public static RawSpectrum[] Parse(
        ReadOnlySpan<byte> block, int count, int pixels, DateTimeOffset hostTime, long hostTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        var stride = SpectrumBytes(pixels);
        if (block.Length != count * stride)
        {
            throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                $"burst block of {block.Length} bytes, expected {count} spectra x ({HeaderBytes} + 4 x {pixels} pixels) = {count * stride} bytes"));
        }

        var spectra = new RawSpectrum[count];
        for (var i = 0; i < count; i++)
        {
            var record = block.Slice((int)(i * stride), (int)stride);
            var sequence = BinaryPrimitives.ReadUInt64LittleEndian(record);
            var deviceTime = BinaryPrimitives.ReadInt64LittleEndian(record[8..]);
            var temperature = BinaryPrimitives.ReadSingleLittleEndian(record[16..]);
            if (!float.IsFinite(temperature))
            {
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                    $"burst spectrum {i} (sequence {sequence}): detector temperature is not a number ({temperature})"));
            }

            if (i > 0 && sequence <= spectra[i - 1].Sequence)
            {
                // Gaps are allowed (the instrument dropped spectra); going backwards means a corrupt block.
                throw new ProtocolException(string.Create(CultureInfo.InvariantCulture,
                    $"burst spectrum {i}: sequence {sequence} does not follow {spectra[i - 1].Sequence}"));
            }

            var counts = new float[pixels];
            ScpiFloatDecoder.Decode(record[HeaderBytes..], counts);
            spectra[i] = new RawSpectrum(sequence, deviceTime, temperature, hostTime, hostTimestamp, counts);
        }

        return spectra;
    }
}
