namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>The SHT3x CRC-8 (polynomial 0x31, init 0xFF), datasheet section 4.12.</summary>
public static class Sht3xCrc
{
    public static byte Compute(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }
}
