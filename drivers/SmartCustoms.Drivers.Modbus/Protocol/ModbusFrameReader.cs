using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>
/// Reads one Modbus TCP ADU from a stream into a caller-owned buffer of at least
/// <see cref="ModbusLimits.MaxAduLength"/> bytes. It never allocates by the length field: a length
/// outside 2–254 is rejected after the 7 header bytes, before anything else is read.
/// </summary>
public static class ModbusFrameReader
{
    /// <summary>Reads one ADU and returns its length (header + PDU) at the start of <paramref name="buffer"/>.</summary>
    /// <exception cref="ModbusConnectionException">The stream ended before the first byte (the device closed the connection).</exception>
    /// <exception cref="ProtocolException">Truncated frame, protocol id ≠ 0 or a length outside 2–254.</exception>
    public static async ValueTask<int> ReadAduAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (buffer.Length < ModbusLimits.MaxAduLength)
        {
            throw new ArgumentException($"the buffer must hold {ModbusLimits.MaxAduLength} bytes, it holds {buffer.Length}", nameof(buffer));
        }

        var header = buffer[..ModbusLimits.MbapHeaderLength];
        var got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (got == 0)
        {
            throw new ModbusConnectionException("connection closed by the device");
        }

        if (got < header.Length)
        {
            throw new ProtocolException($"frame truncated: the connection closed after {got} of {ModbusLimits.MbapHeaderLength} MBAP header bytes");
        }

        var mbap = ModbusMbapHeader.Read(header.Span);
        if (mbap.ProtocolId != 0)
        {
            throw new ProtocolException($"MBAP protocol id is {mbap.ProtocolId}, expected 0 (Modbus)");
        }

        if (mbap.Length < ModbusLimits.MinMbapLength)
        {
            throw new ProtocolException($"MBAP length {mbap.Length} is below the minimum of {ModbusLimits.MinMbapLength}");
        }

        if (mbap.Length > ModbusLimits.MaxMbapLength)
        {
            throw new ProtocolException($"MBAP length {mbap.Length} exceeds the maximum of {ModbusLimits.MaxMbapLength} (ADU limit {ModbusLimits.MaxAduLength} bytes)");
        }

        // The unit id is already in the header; the PDU follows.
        var pdu = buffer.Slice(ModbusLimits.MbapHeaderLength, mbap.Length - 1);
        got = await stream.ReadAtLeastAsync(pdu, pdu.Length, throwOnEndOfStream: false, cancellationToken);
        if (got < pdu.Length)
        {
            throw new ProtocolException($"frame truncated: MBAP length {mbap.Length} announces a {pdu.Length}-byte PDU, the connection closed after {got}");
        }

        return ModbusLimits.MbapHeaderLength + pdu.Length;
    }
}
