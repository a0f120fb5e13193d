using System.Buffers.Binary;
using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>
/// Checks a response ADU against the request that caused it and extracts its values. Every check names
/// the problem: transaction id, protocol id, length field vs bytes present, unit id, function code,
/// byte count vs data and vs requested quantity, echoed address/value/quantity for writes.
/// Pure: no I/O, no allocation.
/// </summary>
public static class ModbusResponseParser
{
    /// <summary>Validates a whole ADU and returns its PDU.</summary>
    /// <exception cref="ProtocolException">The frame does not answer the request.</exception>
    /// <exception cref="ModbusException">The device answered with an exception response.</exception>
    public static ReadOnlySpan<byte> ValidateAdu(ReadOnlySpan<byte> adu, ushort transactionId, byte unitId, ModbusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (adu.Length < ModbusLimits.MbapHeaderLength + 1)
        {
            throw new ProtocolException($"frame of {adu.Length} bytes is shorter than the {ModbusLimits.MbapHeaderLength + 1}-byte minimum");
        }

        if (adu.Length > ModbusLimits.MaxAduLength)
        {
            throw new ProtocolException($"frame of {adu.Length} bytes exceeds the {ModbusLimits.MaxAduLength}-byte ADU maximum");
        }

        var header = ModbusMbapHeader.Read(adu);
        if (header.TransactionId != transactionId)
        {
            throw new ProtocolException($"transaction id {header.TransactionId} does not match the request's {transactionId}");
        }

        if (header.ProtocolId != 0)
        {
            throw new ProtocolException($"MBAP protocol id is {header.ProtocolId}, expected 0 (Modbus)");
        }

        if (header.Length != adu.Length - 6)
        {
            throw new ProtocolException($"MBAP length {header.Length} does not match the {adu.Length - 6} bytes that follow it");
        }

        if (header.UnitId != unitId)
        {
            throw new ProtocolException($"unit id {header.UnitId} does not match the request's {unitId}");
        }

        var pdu = adu[ModbusLimits.MbapHeaderLength..];
        ValidatePdu(pdu, request);
        return pdu;
    }

    /// <summary>Validates a response PDU (function code first) against its request.</summary>
    public static void ValidatePdu(ReadOnlySpan<byte> pdu, ModbusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (pdu.IsEmpty)
        {
            throw new ProtocolException("empty PDU: no function code");
        }

        var expected = (byte)request.Function;
        var function = pdu[0];
        if (function == (expected | 0x80))
        {
            if (pdu.Length != 2)
            {
                throw new ProtocolException($"exception response to {ModbusNames.Describe(request.Function)} has {pdu.Length} bytes, expected 2");
            }

            if (!ModbusNames.IsDefined(pdu[1]))
            {
                throw new ProtocolException($"exception response to {ModbusNames.Describe(request.Function)} carries undefined exception code 0x{pdu[1]:X2}");
            }

            throw new ModbusException(request.Function, (ModbusExceptionCode)pdu[1]);
        }

        if (function != expected)
        {
            throw new ProtocolException($"function code 0x{function:X2} does not match the request's 0x{expected:X2} ({ModbusNames.Describe(request.Function)})");
        }

        switch (request.Function)
        {
            case ModbusFunctionCode.ReadHoldingRegisters:
            case ModbusFunctionCode.ReadInputRegisters:
                CheckByteCount(pdu, request, 2 * request.Quantity, $"{request.Quantity} registers");
                break;
            case ModbusFunctionCode.ReadDiscreteInputs:
                CheckByteCount(pdu, request, (request.Quantity + 7) / 8, $"{request.Quantity} inputs");
                break;
            case ModbusFunctionCode.WriteSingleRegister:
                CheckEcho(pdu, request, "value", request.Values[0]);
                break;
            case ModbusFunctionCode.WriteMultipleRegisters:
                CheckEcho(pdu, request, "quantity", request.Quantity);
                break;
            default:
                throw new ProtocolException($"no response check for {ModbusNames.Describe(request.Function)}");
        }
    }

    /// <summary>Copies register values from a validated FC03/FC04 response PDU.</summary>
    public static void ReadRegisters(ReadOnlySpan<byte> pdu, Span<ushort> destination)
    {
        var count = pdu[1] / 2;
        if (destination.Length < count)
        {
            throw new ArgumentException($"destination holds {destination.Length} registers, the response carries {count}", nameof(destination));
        }

        for (var i = 0; i < count; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(2 + (2 * i))..]);
        }
    }

    /// <summary>Copies bits from a validated FC02 response PDU (LSB of the first data byte is the first input).</summary>
    public static void ReadBits(ReadOnlySpan<byte> pdu, Span<bool> destination)
    {
        var available = pdu[1] * 8;
        if (destination.Length > available)
        {
            throw new ArgumentException($"destination wants {destination.Length} bits, the response carries {available}", nameof(destination));
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (pdu[2 + (i / 8)] & (1 << (i % 8))) != 0;
        }
    }

    private static void CheckByteCount(ReadOnlySpan<byte> pdu, ModbusRequest request, int expectedBytes, string what)
    {
        if (pdu.Length < 2)
        {
            throw new ProtocolException($"{ModbusNames.Describe(request.Function)} response truncated: no byte count");
        }

        var byteCount = pdu[1];
        if (byteCount != pdu.Length - 2)
        {
            throw new ProtocolException($"byte count {byteCount} does not match the {pdu.Length - 2} data bytes in the frame");
        }

        if (byteCount != expectedBytes)
        {
            throw new ProtocolException($"byte count {byteCount} does not match the {expectedBytes} bytes expected for {what}");
        }
    }

    private static void CheckEcho(ReadOnlySpan<byte> pdu, ModbusRequest request, string field, ushort expected)
    {
        if (pdu.Length != 5)
        {
            throw new ProtocolException($"{ModbusNames.Describe(request.Function)} response has {pdu.Length} bytes, expected 5");
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        if (address != request.Address)
        {
            throw new ProtocolException($"{ModbusNames.Describe(request.Function)} response echoes address {address}, the request wrote {request.Address}");
        }

        var echoed = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (request.Function == ModbusFunctionCode.WriteMultipleRegisters && echoed is < 1 or > ModbusLimits.MaxWriteRegisters)
        {
            throw new ProtocolException($"FC16 response quantity {echoed} is outside 1-{ModbusLimits.MaxWriteRegisters}");
        }

        if (echoed != expected)
        {
            throw new ProtocolException($"{ModbusNames.Describe(request.Function)} response echoes {field} {echoed}, the request wrote {expected}");
        }
    }
}
