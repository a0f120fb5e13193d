using SmartCustoms.Simulators.Nir;

namespace SmartCustoms.Simulators.Tests;

public class ScpiParserTests
{
    [Theory]
    [InlineData("*IDN?", ScpiHeader.Identify, true, "")]
    [InlineData("*idn?", ScpiHeader.Identify, true, "")]
    [InlineData("SENS:WAV?", ScpiHeader.Wavelengths, true, "")]
    [InlineData("sense:wavelength?", ScpiHeader.Wavelengths, true, "")]
    [InlineData(":SENS:PIX?", ScpiHeader.PixelCount, true, "")]
    [InlineData("CONF:INT 2000", ScpiHeader.Integration, false, "2000")]
    [InlineData("CONF:AVG 4", ScpiHeader.Averages, false, "4")]
    [InlineData("CONF:AVER?", ScpiHeader.Averages, true, "")]
    [InlineData("FETC:BURS? 100", ScpiHeader.FetchBurst, true, "100")]
    [InlineData("SYST:ERR?\r", ScpiHeader.SystemError, true, "")]
    [InlineData("CAL:WHIT?", ScpiHeader.WhiteReference, true, "")]
    [InlineData("CAL:WHITE?", ScpiHeader.WhiteReference, true, "")]
    public void Parses_short_and_long_forms(string line, ScpiHeader header, bool query, string argument)
    {
        var command = ScpiParser.Parse(line);
        Assert.Equal(header, command.Header);
        Assert.Equal(query, command.IsQuery);
        Assert.Equal(argument, command.Argument);
    }

    [Theory]
    [InlineData("FOO:BAR")]
    [InlineData("MEAS:SPEC")]
    [InlineData("SENS:WAVE?")]
    [InlineData("*IDN")]
    public void Unknown_or_wrong_form_is_an_undefined_header(string line) =>
        Assert.Equal(ScpiHeader.Unknown, ScpiParser.Parse(line).Header);

    [Fact]
    public void Error_buffer_is_fifo_and_marks_overflow()
    {
        var errors = new ScpiErrorBuffer();
        errors.Push(ScpiError.UndefinedHeader);
        for (int i = 0; i < 20; i++)
        {
            errors.Push(ScpiError.DataOutOfRange);
        }

        Assert.Equal(-113, errors.Pop().Code);
        for (int i = 0; i < ScpiErrorBuffer.Capacity - 2; i++)
        {
            Assert.Equal(-222, errors.Pop().Code);
        }

        Assert.Equal(-350, errors.Pop().Code);
        Assert.Equal("0,\"No error\"", errors.Pop().ToAnswer());
    }

    [Theory]
    [InlineData("disconnect", SmartCustoms.Simulators.World.DeviceFaultKind.Disconnect)]
    [InlineData("GARBAGE", SmartCustoms.Simulators.World.DeviceFaultKind.Garbage)]
    [InlineData("nan", SmartCustoms.Simulators.World.DeviceFaultKind.NanSpectra)]
    public void Fault_kinds_parse_from_their_wire_names(string text, SmartCustoms.Simulators.World.DeviceFaultKind kind)
    {
        Assert.True(SmartCustoms.Simulators.Faults.DeviceFaultKinds.TryParse(text, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.False(SmartCustoms.Simulators.Faults.DeviceFaultKinds.TryParse("meltdown", out _));
    }
}
