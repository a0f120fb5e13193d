using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Modbus.Protocol;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

namespace SmartCustoms.Drivers.Modbus.Tests.Protocol;

public sealed class ModbusResponseParserTests
{
    private static readonly ModbusRequest ReadThree = ModbusRequest.ReadHoldingRegisters(0x006B, 3);
    private const string GoodReadThree = "0001 0000 0009 01 03 06 022B 0000 0064";

    [Fact]
    public void Good_frame_passes() =>
        Assert.Equal(8, ModbusResponseParser.ValidateAdu(Hex.Bytes(GoodReadThree), 1, 1, ReadThree).Length);

    [Theory]
    [InlineData("0002 0000 0009 01 03 06 022B 0000 0064", "transaction id 2 does not match the request's 1")]
    [InlineData("0001 0001 0009 01 03 06 022B 0000 0064", "protocol id is 1, expected 0")]
    [InlineData("0001 0000 000A 01 03 06 022B 0000 0064", "MBAP length 10 does not match the 9 bytes")]
    [InlineData("0001 0000 0008 01 03 06 022B 0000 0064", "MBAP length 8 does not match the 9 bytes")]
    [InlineData("0001 0000 0009 02 03 06 022B 0000 0064", "unit id 2 does not match the request's 1")]
    [InlineData("0001 0000 0009 01 04 06 022B 0000 0064", "function code 0x04 does not match the request's 0x03")]
    [InlineData("0001 0000 0009 01 03 04 022B 0000 0064", "byte count 4 does not match the 6 data bytes")]
    [InlineData("0001 0000 0007 01 03 04 022B 0000", "byte count 4 does not match the 6 bytes expected for 3 registers")]
    [InlineData("0001 0000 0002 01 03", "response truncated: no byte count")]
    [InlineData("0001 0000 0001 01", "shorter than the 8-byte minimum")]
    [InlineData("0001 0000 0004 01 83 02 00", "exception response to FC03 read holding registers has 3 bytes, expected 2")]
    [InlineData("0001 0000 0003 01 83 07", "undefined exception code 0x07")]
    [InlineData("0001 0000 0003 01 83 00", "undefined exception code 0x00")]
    public void Malformed_read_response_names_the_problem(string frame, string expected)
    {
        var ex = Assert.Throws<ProtocolException>(() => ModbusResponseParser.ValidateAdu(Hex.Bytes(frame), 1, 1, ReadThree));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_longer_than_the_adu_maximum_is_rejected()
    {
        var frame = new byte[261];
        var ex = Assert.Throws<ProtocolException>(() => ModbusResponseParser.ValidateAdu(frame, 0, 0, ReadThree));
        Assert.Contains("exceeds the 260-byte ADU maximum", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x01, ModbusExceptionCode.IllegalFunction, "ILLEGAL FUNCTION")]
    [InlineData(0x02, ModbusExceptionCode.IllegalDataAddress, "ILLEGAL DATA ADDRESS")]
    [InlineData(0x03, ModbusExceptionCode.IllegalDataValue, "ILLEGAL DATA VALUE")]
    [InlineData(0x04, ModbusExceptionCode.ServerDeviceFailure, "SERVER DEVICE FAILURE")]
    [InlineData(0x05, ModbusExceptionCode.Acknowledge, "ACKNOWLEDGE")]
    [InlineData(0x06, ModbusExceptionCode.ServerDeviceBusy, "SERVER DEVICE BUSY")]
    [InlineData(0x08, ModbusExceptionCode.MemoryParityError, "MEMORY PARITY ERROR")]
    [InlineData(0x0A, ModbusExceptionCode.GatewayPathUnavailable, "GATEWAY PATH UNAVAILABLE")]
    [InlineData(0x0B, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, "GATEWAY TARGET DEVICE FAILED TO RESPOND")]
    public void Exception_response_maps_each_code(byte code, ModbusExceptionCode expected, string name)
    {
        foreach (var request in new[]
                 {
                     ModbusRequest.ReadDiscreteInputs(0, 1), ModbusRequest.ReadHoldingRegisters(0, 1),
                     ModbusRequest.ReadInputRegisters(0, 1), ModbusRequest.WriteSingleRegister(0, 1),
                     ModbusRequest.WriteMultipleRegisters(0, [1]),
                 })
        {
            byte[] pdu = [(byte)((byte)request.Function | 0x80), code];
            var ex = Assert.Throws<ModbusException>(() => ModbusResponseParser.ValidatePdu(pdu, request));
            Assert.Equal(expected, ex.Code);
            Assert.Equal(request.Function, ex.Function);
            Assert.Equal(name, ex.CodeName);
        }
    }

    [Theory]
    [InlineData("06 0002 0003", "echoes address 2, the request wrote 1")]
    [InlineData("06 0001 0004", "echoes value 4, the request wrote 3")]
    [InlineData("06 0001 00", "has 4 bytes, expected 5")]
    public void Fc06_echo_mismatch_is_rejected(string pdu, string expected)
    {
        var ex = Assert.Throws<ProtocolException>(() => ModbusResponseParser.ValidatePdu(Hex.Bytes(pdu), ModbusRequest.WriteSingleRegister(1, 3)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10 0001 0003", "echoes quantity 3, the request wrote 2")]
    [InlineData("10 0001 007C", "quantity 124 is outside 1-123")]
    [InlineData("10 0001 0000", "quantity 0 is outside 1-123")]
    [InlineData("10 0000 0002", "echoes address 0, the request wrote 1")]
    public void Fc16_echo_mismatch_is_rejected(string pdu, string expected)
    {
        var ex = Assert.Throws<ProtocolException>(() => ModbusResponseParser.ValidatePdu(Hex.Bytes(pdu), ModbusRequest.WriteMultipleRegisters(1, [10, 258])));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fc02_byte_count_must_cover_the_requested_inputs()
    {
        // 10 inputs need 2 bytes.
        var ex = Assert.Throws<ProtocolException>(() => ModbusResponseParser.ValidatePdu(Hex.Bytes("02 01 FF"), ModbusRequest.ReadDiscreteInputs(0, 10)));
        Assert.Contains("byte count 1 does not match the 2 bytes expected for 10 inputs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_pdu_is_rejected() =>
        Assert.Throws<ProtocolException>(() => ModbusResponseParser.ValidatePdu([], ReadThree));
}
