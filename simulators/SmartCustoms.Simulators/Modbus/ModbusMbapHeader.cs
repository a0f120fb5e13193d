using System.Buffers.Binary;

namespace SmartCustoms.Simulators.Modbus;

/// <summary>
/// The 7-byte MBAP header of Modbus TCP: transaction id, protocol id (0 = Modbus), length (bytes that
/// follow: unit id + PDU), unit id. All big-endian.
/// </summary>
public readonly record struct ModbusMbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    public const int Size = 7;

    /// <summary>Largest Length: unit id + a PDU of at most 253 bytes.</summary>
    public const int MaxLength = 254;

    public static ModbusMbapHeader Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt16BigEndian(bytes),
        BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
        BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]),
        bytes[6]);

    /// <summary>Why this header cannot start a valid request, or null when it can.</summary>
    public string? Problem()
    {
        if (ProtocolId != 0)
        {
            return $"protocol id {ProtocolId} is not Modbus (0)";
        }

        if (Length < 2 || Length > MaxLength)
        {
            return $"length {Length} outside 2-{MaxLength}";
        }

        return null;
    }

    /// <summary>A complete ADU: this header's transaction and unit with <paramref name="pdu"/>.</summary>
    public byte[] Frame(ReadOnlySpan<byte> pdu)
    {
        var frame = new byte[Size + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(pdu.Length + 1));
        frame[6] = UnitId;
        pdu.CopyTo(frame.AsSpan(Size));
        return frame;
    }
}
