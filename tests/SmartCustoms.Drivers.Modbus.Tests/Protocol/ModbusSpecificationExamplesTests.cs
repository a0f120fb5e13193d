using SmartCustoms.Drivers.Modbus.Protocol;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Protocol;

/// <summary>The request/response examples of the Modbus Application Protocol Specification v1.1b3, §6, wrapped in MBAP.</summary>
public sealed class ModbusSpecificationExamplesTests
{
    [Fact]
    public void Fc03_ReadHoldingRegisters_108_to_110_matches_the_specification()
    {
        var request = ModbusRequest.ReadHoldingRegisters(0x006B, 3);
        Assert.Equal(Hex.Bytes("0001 0000 0006 01 03 006B 0003"), Adu(request, 0x0001, 0x01));

        var response = Hex.Bytes("0001 0000 0009 01 03 06 022B 0000 0064");
        var pdu = ModbusResponseParser.ValidateAdu(response, 0x0001, 0x01, request);
        var registers = new ushort[3];
        ModbusResponseParser.ReadRegisters(pdu, registers);
        Assert.Equal(new ushort[] { 555, 0, 100 }, registers);
    }

    [Fact]
    public void Fc04_ReadInputRegister_9_matches_the_specification()
    {
        var request = ModbusRequest.ReadInputRegisters(0x0008, 1);
        Assert.Equal(Hex.Bytes("1234 0000 0006 11 04 0008 0001"), Adu(request, 0x1234, 0x11));

        var response = Hex.Bytes("1234 0000 0005 11 04 02 000A");
        var pdu = ModbusResponseParser.ValidateAdu(response, 0x1234, 0x11, request);
        var registers = new ushort[1];
        ModbusResponseParser.ReadRegisters(pdu, registers);
        Assert.Equal((ushort)10, registers[0]);
    }

    [Fact]
    public void Fc02_ReadDiscreteInputs_197_to_218_matches_the_specification()
    {
        var request = ModbusRequest.ReadDiscreteInputs(0x00C4, 0x16);
        Assert.Equal(Hex.Bytes("0002 0000 0006 01 02 00C4 0016"), Adu(request, 2, 1));

        var response = Hex.Bytes("0002 0000 0006 01 02 03 ACDB35");
        var pdu = ModbusResponseParser.ValidateAdu(response, 2, 1, request);
        var bits = new bool[22];
        ModbusResponseParser.ReadBits(pdu, bits);
        // AC: inputs 204..197 = 1010 1100; DB: 212..205 = 1101 1011; 35: 218..213 = 11 0101 (LSB first).
        var expected = "00110101" + "11011011" + "101011";
        Assert.Equal(expected, string.Concat(bits.Select(b => b ? '1' : '0')));
    }

    [Fact]
    public void Fc06_WriteSingleRegister_2_matches_the_specification()
    {
        var request = ModbusRequest.WriteSingleRegister(0x0001, 0x0003);
        Assert.Equal(Hex.Bytes("0003 0000 0006 01 06 0001 0003"), Adu(request, 3, 1));

        var response = Hex.Bytes("0003 0000 0006 01 06 0001 0003");
        var pdu = ModbusResponseParser.ValidateAdu(response, 3, 1, request);
        Assert.Equal(Hex.Bytes("06 0001 0003"), pdu.ToArray());
    }

    [Fact]
    public void Fc16_WriteMultipleRegisters_2_and_3_matches_the_specification()
    {
        var request = ModbusRequest.WriteMultipleRegisters(0x0001, [0x000A, 0x0102]);
        Assert.Equal(Hex.Bytes("0004 0000 000B 01 10 0001 0002 04 000A 0102"), Adu(request, 4, 1));

        var response = Hex.Bytes("0004 0000 0006 01 10 0001 0002");
        var pdu = ModbusResponseParser.ValidateAdu(response, 4, 1, request);
        Assert.Equal(Hex.Bytes("10 0001 0002"), pdu.ToArray());
    }

    [Fact]
    public void Exception_response_example_maps_to_illegal_data_address()
    {
        // §7: a read with an address the server lacks is answered with function | 0x80 and code 02.
        var request = ModbusRequest.ReadHoldingRegisters(0x04A1, 1);
        var response = Hex.Bytes("0005 0000 0003 01 83 02");
        var ex = Assert.Throws<ModbusException>(() => ModbusResponseParser.ValidateAdu(response, 5, 1, request));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.Code);
        Assert.Equal("ILLEGAL DATA ADDRESS", ex.CodeName);
        Assert.Contains("ILLEGAL DATA ADDRESS", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Adu(ModbusRequest request, ushort transactionId, byte unitId)
    {
        var buffer = new byte[ModbusLimits.MaxAduLength];
        var length = request.WriteAdu(buffer, transactionId, unitId);
        return buffer[..length];
    }
}
