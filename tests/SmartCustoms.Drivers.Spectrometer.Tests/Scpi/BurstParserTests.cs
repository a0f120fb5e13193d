using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Scpi;

public sealed class BurstParserTests
{
    private static readonly DateTimeOffset HostTime = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_reads_header_and_pixels_of_each_spectrum()
    {
        byte[] block = [.. Wire.SpectrumRecord(41, 1_000_000, 24.5f, [1f, 2f, 65535f]), .. Wire.SpectrumRecord(43, 1_002_000, 24.75f, [4f, 5.5f, 6f])];

        var spectra = BurstParser.Parse(block, 2, 3, HostTime, 12345);

        Assert.Equal(2, spectra.Length);
        Assert.Equal(41UL, spectra[0].Sequence);
        Assert.Equal(1_000_000, spectra[0].DeviceTimeMicroseconds);
        Assert.Equal(24.5f, spectra[0].DetectorTemperatureC);
        Assert.Equal([1f, 2f, 65535f], spectra[0].Counts);
        Assert.Equal(43UL, spectra[1].Sequence);
        Assert.Equal(1_002_000, spectra[1].DeviceTimeMicroseconds);
        Assert.Equal(24.75f, spectra[1].DetectorTemperatureC);
        Assert.Equal([4f, 5.5f, 6f], spectra[1].Counts);
        Assert.All(spectra, s => Assert.Equal(HostTime, s.HostTime));
        Assert.All(spectra, s => Assert.Equal(12345, s.HostTimestamp));
    }

    [Fact]
    public void Parse_rejects_a_block_whose_length_is_not_n_times_the_record_size()
    {
        var block = Wire.SpectrumRecord(1, 0, 25f, [1f, 2f, 3f]);

        var ex = Assert.Throws<ProtocolException>(() => BurstParser.Parse(block, 2, 3, HostTime, 0));

        Assert.Contains("burst block of 32 bytes, expected 2 spectra x (20 + 4 x 3 pixels) = 64 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_sequence_numbers_that_go_backwards()
    {
        byte[] block = [.. Wire.SpectrumRecord(10, 0, 25f, [1f]), .. Wire.SpectrumRecord(9, 1, 25f, [1f])];

        var ex = Assert.Throws<ProtocolException>(() => BurstParser.Parse(block, 2, 1, HostTime, 0));

        Assert.Contains("sequence 9 does not follow 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_a_non_finite_detector_temperature()
    {
        var block = Wire.SpectrumRecord(1, 0, float.NaN, [1f]);

        var ex = Assert.Throws<ProtocolException>(() => BurstParser.Parse(block, 1, 1, HostTime, 0));

        Assert.Contains("detector temperature is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoder_reads_little_endian_float32()
    {
        byte[] bytes = [0x00, 0x00, 0x80, 0x3F, 0x00, 0xFF, 0x7F, 0x47];
        var values = new float[2];

        ScpiFloatDecoder.Decode(bytes, values);

        Assert.Equal([1.0f, 65535.0f], values);
    }

    [Fact]
    public void DecodePixels_rejects_a_block_with_the_wrong_pixel_count()
    {
        var ex = Assert.Throws<ProtocolException>(() => ScpiFloatDecoder.DecodePixels(Wire.Floats([1f, 2f]), 3, "CAL:DARK?"));

        Assert.Contains("CAL:DARK?: block of 8 bytes holds 2 values, expected 3", ex.Message, StringComparison.Ordinal);
    }
}
