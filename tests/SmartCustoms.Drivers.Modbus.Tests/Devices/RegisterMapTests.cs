using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Sampler;

namespace SmartCustoms.Drivers.Modbus.Tests.Devices;

/// <summary>The register maps of CONTRACT.md, decoded from hand-made register values.</summary>
public sealed class RegisterMapTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sampler_status_decodes_every_field()
    {
        ushort[] inputs = [1, 42, 0x0001, 0x0002, 9, 5555, 0x00BC, 0x614E, 73, 1234];
        bool[] bits = [true, false, true, true];
        var status = SamplerRegisters.Decode(inputs, bits, Now, 99);
        Assert.Equal(SamplerState.Cutting, status.State);
        Assert.Equal((ushort)42, status.LastAcceptedCommandSequence);
        Assert.Equal(65538u, status.IncrementsCompleted);
        Assert.Equal((ushort)9, status.FaultCode);
        Assert.Equal(555.5, status.LastIncrementMassKg, 6);
        Assert.Equal(12345678u, status.LastIncrementId);
        Assert.Equal(73, status.BinFillPercent);
        Assert.Equal((ushort)1234, status.Heartbeat);
        Assert.True(status.Ready);
        Assert.False(status.CutterHome);
        Assert.True(status.BinFull);
        Assert.True(status.BeltInterlockOk);
        Assert.Equal(Now, status.HostTime);
        Assert.Equal(99, status.HostTimestamp);
    }

    [Fact]
    public void Sampler_state_outside_the_map_is_a_protocol_error()
    {
        ushort[] inputs = [5, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var ex = Assert.Throws<ProtocolException>(() => SamplerRegisters.Decode(inputs, new bool[4], Now, 0));
        Assert.Contains("state register holds 5", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(7, 3, 8)]
    [InlineData(7, 8, 9)]
    [InlineData(65535, 3, 1)]
    [InlineData(65535, 1, 2)]
    public void Next_sequence_skips_zero_and_the_acknowledged_value(ushort lastWritten, ushort lastAccepted, ushort expected) =>
        Assert.Equal(expected, SamplerRegisters.NextSequence(lastWritten, lastAccepted));

    [Fact]
    public void Belt_scale_decodes_units()
    {
        // 8,000.5 t/h = 80005 tenths = 0x0001_3885; 123,456.7 t = 1234567 tenths = 0x0012_D687; 4.750 m/s.
        ushort[] registers = [0x0001, 0x3885, 0x0012, 0xD687, 4750, 0b11, 600];
        var reading = BeltScaleRegisters.Decode(registers, Now, 5);
        Assert.Equal(8000.5, reading.FlowTonnesPerHour, 6);
        Assert.Equal(123456.7, reading.TotaliserTonnes, 6);
        Assert.Equal(4.75, reading.BeltSpeedMetresPerSecond, 6);
        Assert.True(reading.Running);
        Assert.True(reading.Fault);
        Assert.Equal((ushort)600, reading.Heartbeat);
        Assert.False(BeltScaleRegisters.Decode([0, 0, 0, 0, 0, 0b01, 0], Now, 5).Fault);
    }

    [Fact]
    public void Radiation_decodes_dose_alarm_and_detector()
    {
        ushort[] registers = [0x0001, 0x0000, 120, 2, 77, 3];
        var reading = RadiationRegisters.Decode(registers, Now, 5);
        Assert.Equal(65536u, reading.DoseRateNanosievertPerHour);
        Assert.Equal((ushort)120, reading.BackgroundNanosievertPerHour);
        Assert.Equal(RadiationAlarmState.Alarm, reading.AlarmState);
        Assert.Equal((ushort)77, reading.Heartbeat);
        Assert.Equal((ushort)3, reading.DetectorStatus);
        Assert.False(reading.DetectorOk);
    }

    [Fact]
    public void Radiation_alarm_state_outside_the_map_is_a_protocol_error() =>
        Assert.Throws<ProtocolException>(() => RadiationRegisters.Decode([0, 90, 80, 3, 1, 0], Now, 0));
}
