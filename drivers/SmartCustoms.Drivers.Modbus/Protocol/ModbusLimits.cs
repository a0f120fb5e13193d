namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>Size limits from the Modbus Application Protocol v1.1b3 and the Messaging on TCP/IP guide.</summary>
public static class ModbusLimits
{
    /// <summary>MBAP header: transaction id (2), protocol id (2), length (2), unit id (1).</summary>
    public const int MbapHeaderLength = 7;

    /// <summary>A PDU is at most 253 bytes (function code + 252 data bytes).</summary>
    public const int MaxPduLength = 253;

    /// <summary>A Modbus TCP ADU is at most 260 bytes: 7-byte MBAP header + 253-byte PDU.</summary>
    public const int MaxAduLength = MbapHeaderLength + MaxPduLength;

    /// <summary>The MBAP length field counts the unit id and the PDU: 2 (unit + function) to 254.</summary>
    public const int MinMbapLength = 2;

    public const int MaxMbapLength = 1 + MaxPduLength;

    public const int MaxReadRegisters = 125;
    public const int MaxReadBits = 2000;
    public const int MaxWriteRegisters = 123;
}
