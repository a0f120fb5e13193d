using System.Buffers.Binary;

namespace SmartCustoms.Simulators.Modbus;

/// <summary>
/// Turns a request PDU into the response PDU against a <see cref="IModbusDataModel"/>, as the Modbus
/// application protocol prescribes: unknown function → exception 01; quantity out of range or a byte
/// count that does not match → 03; address range outside the device's map → 02. Stateless and thread-safe.
/// </summary>
public static class ModbusRequestProcessor
{
    public const int MaxReadBits = 2000;
    public const int MaxReadRegisters = 125;
    public const int MaxWriteRegisters = 123;

    public static byte[] Process(ReadOnlySpan<byte> pdu, IModbusDataModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (pdu.Length == 0)
        {
            return Exception(0, ModbusExceptionCode.IllegalFunction);
        }

        byte function = pdu[0];
        return function switch
        {
            ModbusFunction.ReadDiscreteInputs => ReadBits(pdu, model),
            ModbusFunction.ReadHoldingRegisters => ReadRegisters(pdu, model, holding: true),
            ModbusFunction.ReadInputRegisters => ReadRegisters(pdu, model, holding: false),
            ModbusFunction.WriteSingleRegister => WriteSingle(pdu, model),
            ModbusFunction.WriteMultipleRegisters => WriteMultiple(pdu, model),
            _ => Exception(function, ModbusExceptionCode.IllegalFunction),
        };
    }

    /// <summary>An exception response PDU: function | 0x80, code.</summary>
    public static byte[] Exception(byte function, ModbusExceptionCode code) => [(byte)(function | ModbusFunction.ExceptionFlag), (byte)code];

    private static bool InRange(int start, int quantity, int count) => start + quantity <= count;

    private static byte[] ReadBits(ReadOnlySpan<byte> pdu, IModbusDataModel model)
    {
        byte fc = pdu[0];
        if (pdu.Length != 5)
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataValue);
        }

        int start = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        int quantity = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (quantity is < 1 or > MaxReadBits)
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataValue);
        }

        if (!InRange(start, quantity, model.DiscreteInputCount))
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataAddress);
        }

        Span<bool> bits = stackalloc bool[quantity];
        model.ReadDiscreteInputs(start, bits);
        int byteCount = (quantity + 7) / 8;
        var response = new byte[2 + byteCount];
        response[0] = fc;
        response[1] = (byte)byteCount;
        for (int i = 0; i < quantity; i++)
        {
            if (bits[i])
            {
                response[2 + (i / 8)] |= (byte)(1 << (i % 8));
            }
        }

        return response;
    }

    private static byte[] ReadRegisters(ReadOnlySpan<byte> pdu, IModbusDataModel model, bool holding)
    {
        byte fc = pdu[0];
        if (pdu.Length != 5)
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataValue);
        }

        int start = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        int quantity = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (quantity is < 1 or > MaxReadRegisters)
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataValue);
        }

        if (!InRange(start, quantity, holding ? model.HoldingRegisterCount : model.InputRegisterCount))
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataAddress);
        }

        Span<ushort> values = stackalloc ushort[quantity];
        if (holding)
        {
            model.ReadHoldingRegisters(start, values);
        }
        else
        {
            model.ReadInputRegisters(start, values);
        }

        var response = new byte[2 + (2 * quantity)];
        response[0] = fc;
        response[1] = (byte)(2 * quantity);
        for (int i = 0; i < quantity; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(2 + (2 * i)), values[i]);
        }

        return response;
    }

    private static byte[] WriteSingle(ReadOnlySpan<byte> pdu, IModbusDataModel model)
    {
        byte fc = pdu[0];
        if (pdu.Length != 5)
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataValue);
        }

        int address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        ushort value = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (!InRange(address, 1, model.HoldingRegisterCount))
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataAddress);
        }

        var code = model.WriteHoldingRegisters(address, [value]);
        return code == ModbusExceptionCode.None ? pdu.ToArray() : Exception(fc, code);
    }

    private static byte[] WriteMultiple(ReadOnlySpan<byte> pdu, IModbusDataModel model)
    {
        byte fc = pdu[0];
        if (pdu.Length < 6)
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataValue);
        }

        int start = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        int quantity = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        int byteCount = pdu[5];
        if (quantity is < 1 or > MaxWriteRegisters || byteCount != 2 * quantity || pdu.Length != 6 + byteCount)
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataValue);
        }

        if (!InRange(start, quantity, model.HoldingRegisterCount))
        {
            return Exception(fc, ModbusExceptionCode.IllegalDataAddress);
        }

        Span<ushort> values = stackalloc ushort[quantity];
        for (int i = 0; i < quantity; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(6 + (2 * i))..]);
        }

        var code = model.WriteHoldingRegisters(start, values);
        return code == ModbusExceptionCode.None ? pdu[..5].ToArray() : Exception(fc, code);
    }
}
