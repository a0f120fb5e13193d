using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Nir;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Nir;

public sealed class ScpiReplyParserTests
{
    [Fact]
    public void Identity_has_four_fields_and_firmware_may_contain_commas()
    {
        var identity = ScpiReplyParser.ParseIdentity("Acme, NIR-256X ,SN1,1.2,build 7");

        Assert.Equal("Acme", identity.Maker);
        Assert.Equal("NIR-256X", identity.Model);
        Assert.Equal("SN1", identity.Serial);
        Assert.Equal("1.2,build 7", identity.Firmware);
    }

    [Theory]
    [InlineData("Acme,NIR")]
    [InlineData("")]
    public void Identity_with_missing_fields_is_a_protocol_error(string reply) =>
        Assert.Throws<ProtocolException>(() => ScpiReplyParser.ParseIdentity(reply));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("256.5")]
    [InlineData("99999")]
    [InlineData("abc")]
    public void Pixel_count_out_of_range_or_not_integer_is_a_protocol_error(string reply) =>
        Assert.Throws<ProtocolException>(() => ScpiReplyParser.ParsePixelCount(reply));

    [Fact]
    public void Wavelengths_are_parsed_invariantly()
    {
        Assert.Equal([1000f, 1500.5f, 2000f], ScpiReplyParser.ParseWavelengths("1000, 1500.5,2000", 3));
    }

    [Fact]
    public void Wavelengths_must_match_the_pixel_count()
    {
        var ex = Assert.Throws<ProtocolException>(() => ScpiReplyParser.ParseWavelengths("1000,1500", 3));

        Assert.Contains("returned 2 wavelengths but SENS:PIX? says 3 pixels", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000,1000,2000", "not ascending: pixel 1 is 1000 nm after 1000 nm")]
    [InlineData("1000,900,2000", "not ascending: pixel 1 is 900 nm after 1000 nm")]
    [InlineData("1000,NaN,2000", "value 1 \"NaN\" is not a positive wavelength")]
    [InlineData("1000,x,2000", "value 1 \"x\" is not a positive wavelength")]
    [InlineData("-1,1,2", "value 0 \"-1\" is not a positive wavelength")]
    public void Bad_wavelength_axis_is_a_protocol_error(string reply, string expected)
    {
        var ex = Assert.Throws<ProtocolException>(() => ScpiReplyParser.ParseWavelengths(reply, 3));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_must_be_finite()
    {
        Assert.Equal(24.5, ScpiReplyParser.ParseNumber(" 24.5 ", "STAT:TEMP?"));
        Assert.Throws<ProtocolException>(() => ScpiReplyParser.ParseNumber("Infinity", "STAT:TEMP?"));
        Assert.Throws<ProtocolException>(() => ScpiReplyParser.ParseNumber("24,5", "STAT:TEMP?"));
    }
}
