using System.Buffers.Binary;

namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>
/// One request PDU. The factory methods enforce the specification's quantity limits
/// (1–2000 bits, 1–125 registers to read, 1–123 registers to write) and the 16-bit address space,
/// so an invalid request is a programming error (<see cref="ArgumentOutOfRangeException"/>), never sent.
/// </summary>
public sealed class ModbusRequest
{
    private readonly ushort[] _values;

    private ModbusRequest(ModbusFunctionCode function, ushort address, ushort quantity, ushort[] values)
    {
        Function = function;
        Address = address;
        Quantity = quantity;
        _values = values;
    }

    public ModbusFunctionCode Function { get; }

    public ushort Address { get; }

    /// <summary>Number of bits or registers read or written (1 for FC06).</summary>
    public ushort Quantity { get; }

    /// <summary>Register values written by FC06/FC16; empty for reads.</summary>
    public ReadOnlySpan<ushort> Values => _values;

    public int PduLength => Function switch
    {
        ModbusFunctionCode.WriteMultipleRegisters => 6 + (2 * _values.Length),
        _ => 5,
    };

    public static ModbusRequest ReadDiscreteInputs(ushort address, int quantity) =>
        Read(ModbusFunctionCode.ReadDiscreteInputs, address, quantity, ModbusLimits.MaxReadBits);

    public static ModbusRequest ReadHoldingRegisters(ushort address, int quantity) =>
        Read(ModbusFunctionCode.ReadHoldingRegisters, address, quantity, ModbusLimits.MaxReadRegisters);

    public static ModbusRequest ReadInputRegisters(ushort address, int quantity) =>
        Read(ModbusFunctionCode.ReadInputRegisters, address, quantity, ModbusLimits.MaxReadRegisters);

    public static ModbusRequest WriteSingleRegister(ushort address, ushort value) =>
        new(ModbusFunctionCode.WriteSingleRegister, address, 1, [value]);

    public static ModbusRequest WriteMultipleRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        CheckRange(address, values.Length, ModbusLimits.MaxWriteRegisters, nameof(values));
        return new(ModbusFunctionCode.WriteMultipleRegisters, address, (ushort)values.Length, values.ToArray());
    }

    /// <summary>Writes the PDU (function code first) and returns its length.</summary>
    public int WritePdu(Span<byte> destination)
    {
        var length = PduLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"the PDU needs {length} bytes, the buffer has {destination.Length}", nameof(destination));
        }

        destination[0] = (byte)Function;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], Address);
        switch (Function)
        {
            case ModbusFunctionCode.WriteSingleRegister:
                BinaryPrimitives.WriteUInt16BigEndian(destination[3..], _values[0]);
                break;
            case ModbusFunctionCode.WriteMultipleRegisters:
                BinaryPrimitives.WriteUInt16BigEndian(destination[3..], Quantity);
                destination[5] = (byte)(2 * _values.Length);
                for (var i = 0; i < _values.Length; i++)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(destination[(6 + (2 * i))..], _values[i]);
                }

                break;
            default:
                BinaryPrimitives.WriteUInt16BigEndian(destination[3..], Quantity);
                break;
        }

        return length;
    }

    /// <summary>Writes MBAP header + PDU and returns the ADU length.</summary>
    public int WriteAdu(Span<byte> destination, ushort transactionId, byte unitId)
    {
        var pduLength = WritePdu(destination[ModbusLimits.MbapHeaderLength..]);
        new ModbusMbapHeader(transactionId, 0, (ushort)(pduLength + 1), unitId).Write(destination);
        return ModbusLimits.MbapHeaderLength + pduLength;
    }

    public override string ToString() => $"{ModbusNames.Describe(Function)} at {Address} x{Quantity}";

    private static ModbusRequest Read(ModbusFunctionCode function, ushort address, int quantity, int max)
    {
        CheckRange(address, quantity, max, nameof(quantity));
        return new(function, address, (ushort)quantity, []);
    }

    private static void CheckRange(ushort address, int quantity, int max, string parameter)
    {
        if (quantity < 1 || quantity > max)
        {
            throw new ArgumentOutOfRangeException(parameter, quantity, $"quantity must be 1-{max}");
        }

        if (address + quantity > 0x10000)
        {
            throw new ArgumentOutOfRangeException(parameter, quantity, $"address {address} + quantity {quantity} runs past 65535");
        }
    }
}
