using SmartCustoms.Simulators.Modbus;

namespace SmartCustoms.Simulators.Tests.Modbus;

public class ModbusRequestProcessorTests
{
    private sealed class TableModel : IModbusDataModel
    {
        public ushort[] Holding { get; } = new ushort[4];

        public int DiscreteInputCount => 10;

        public int InputRegisterCount => 3;

        public int HoldingRegisterCount => 4;

        public void ReadDiscreteInputs(int start, Span<bool> destination)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (start + i) % 3 == 0;
            }
        }

        public void ReadInputRegisters(int start, Span<ushort> destination)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (ushort)(0x0100 * (start + i + 1));
            }
        }

        public void ReadHoldingRegisters(int start, Span<ushort> destination) => Holding.AsSpan(start, destination.Length).CopyTo(destination);

        public ModbusExceptionCode WriteHoldingRegisters(int start, ReadOnlySpan<ushort> values)
        {
            if (values.Contains((ushort)0xFFFF))
            {
                return ModbusExceptionCode.IllegalDataValue;
            }

            values.CopyTo(Holding.AsSpan(start));
            return ModbusExceptionCode.None;
        }
    }

    [Fact]
    public void FC04_reads_input_registers_big_endian()
    {
        var r = ModbusRequestProcessor.Process([0x04, 0x00, 0x01, 0x00, 0x02], new TableModel());
        Assert.Equal(new byte[] { 0x04, 0x04, 0x02, 0x00, 0x03, 0x00 }, r);
    }

    [Fact]
    public void FC02_packs_bits_lsb_first()
    {
        // Inputs 0..9: true at 0, 3, 6, 9 → 0b0100_1001, 0b0000_0010.
        var r = ModbusRequestProcessor.Process([0x02, 0x00, 0x00, 0x00, 0x0A], new TableModel());
        Assert.Equal(new byte[] { 0x02, 0x02, 0x49, 0x02 }, r);
    }

    [Fact]
    public void FC06_echoes_the_request_and_FC03_reads_it_back()
    {
        var model = new TableModel();
        byte[] request = [0x06, 0x00, 0x02, 0x12, 0x34];
        Assert.Equal(request, ModbusRequestProcessor.Process(request, model));
        Assert.Equal(new byte[] { 0x03, 0x02, 0x12, 0x34 }, ModbusRequestProcessor.Process([0x03, 0x00, 0x02, 0x00, 0x01], model));
    }

    [Fact]
    public void FC16_writes_and_answers_start_and_quantity()
    {
        var model = new TableModel();
        var r = ModbusRequestProcessor.Process([0x10, 0x00, 0x00, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x07], model);
        Assert.Equal(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x02 }, r);
        Assert.Equal(new ushort[] { 1, 7, 0, 0 }, model.Holding);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x01 }, 0x81, 0x01)]             // coils: not served
    [InlineData(new byte[] { 0x2B, 0x0E, 0x01, 0x00 }, 0xAB, 0x01)]                   // device id: not served
    [InlineData(new byte[] { 0x04, 0x00, 0x02, 0x00, 0x02 }, 0x84, 0x02)]             // 2..3 beyond 3 input registers
    [InlineData(new byte[] { 0x03, 0x00, 0x04, 0x00, 0x01 }, 0x83, 0x02)]             // holding 4 does not exist
    [InlineData(new byte[] { 0x06, 0x00, 0x09, 0x00, 0x01 }, 0x86, 0x02)]
    [InlineData(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x00 }, 0x83, 0x03)]             // quantity 0
    [InlineData(new byte[] { 0x04, 0x00, 0x00, 0x00, 0x7E }, 0x84, 0x03)]             // quantity 126 > 125
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x07, 0xD1 }, 0x82, 0x03)]             // 2001 bits
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x02, 0x03, 0x00, 0x01, 0x00 }, 0x90, 0x03)] // byte count ≠ 2 × quantity
    [InlineData(new byte[] { 0x06, 0x00, 0x01, 0xFF, 0xFF }, 0x86, 0x03)]             // the device refuses the value
    [InlineData(new byte[] { 0x04, 0x00 }, 0x84, 0x03)]                               // truncated PDU
    public void Bad_requests_get_the_exception_the_spec_names(byte[] request, byte function, byte code)
    {
        Assert.Equal(new[] { function, code }, ModbusRequestProcessor.Process(request, new TableModel()));
    }

    [Fact]
    public void Mbap_header_round_trips_and_rejects_a_foreign_protocol()
    {
        var header = new ModbusMbapHeader(0x1234, 0, 6, 1);
        byte[] frame = header.Frame([0x04, 0x00, 0x00, 0x00, 0x01]);
        Assert.Equal(new byte[] { 0x12, 0x34, 0x00, 0x00, 0x00, 0x06, 0x01, 0x04, 0x00, 0x00, 0x00, 0x01 }, frame);
        Assert.Equal(header, ModbusMbapHeader.Read(frame));
        Assert.Null(header.Problem());
        Assert.Contains("protocol id", new ModbusMbapHeader(1, 7, 6, 1).Problem(), StringComparison.Ordinal);
        Assert.Contains("length", new ModbusMbapHeader(1, 0, 300, 1).Problem(), StringComparison.Ordinal);
    }
}
