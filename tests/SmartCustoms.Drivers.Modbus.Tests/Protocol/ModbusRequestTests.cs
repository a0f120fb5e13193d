using SmartCustoms.Drivers.Modbus.Protocol;

namespace SmartCustoms.Drivers.Modbus.Tests.Protocol;

public sealed class ModbusRequestTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(126)]
    public void Register_reads_outside_1_to_125_are_refused(int quantity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadHoldingRegisters(0, quantity));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadInputRegisters(0, quantity));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2001)]
    public void Bit_reads_outside_1_to_2000_are_refused(int quantity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadDiscreteInputs(0, quantity));

    [Fact]
    public void Register_writes_outside_1_to_123_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.WriteMultipleRegisters(0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.WriteMultipleRegisters(0, new ushort[124]));
    }

    [Fact]
    public void Limits_themselves_are_accepted()
    {
        Assert.Equal(125, ModbusRequest.ReadInputRegisters(0, 125).Quantity);
        Assert.Equal(2000, ModbusRequest.ReadDiscreteInputs(0, 2000).Quantity);
        var write = ModbusRequest.WriteMultipleRegisters(0, new ushort[123]);
        // function, address, quantity, byte count, 246 data bytes: the largest FC16 PDU fits the 253-byte limit.
        Assert.Equal(252, write.PduLength);
    }

    [Fact]
    public void Range_past_the_address_space_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusRequest.ReadHoldingRegisters(65535, 2));
}
