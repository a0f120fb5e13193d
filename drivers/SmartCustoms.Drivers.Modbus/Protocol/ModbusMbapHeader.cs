using System.Buffers.Binary;

namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>The 7-byte MBAP header that precedes every PDU on Modbus TCP (all fields big-endian).</summary>
/// <param name="TransactionId">Pairs a response with its request; the server copies it.</param>
/// <param name="ProtocolId">0 for Modbus.</param>
/// <param name="Length">Bytes that follow the length field: the unit id plus the PDU.</param>
/// <param name="UnitId">The addressed unit (a gateway routes on it; most TCP devices answer any value).</param>
public readonly record struct ModbusMbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    public static ModbusMbapHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < ModbusLimits.MbapHeaderLength)
        {
            throw new ArgumentException($"an MBAP header needs {ModbusLimits.MbapHeaderLength} bytes, got {source.Length}", nameof(source));
        }

        return new ModbusMbapHeader(
            BinaryPrimitives.ReadUInt16BigEndian(source),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
            source[6]);
    }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], ProtocolId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Length);
        destination[6] = UnitId;
    }
}
