namespace SmartCustoms.Simulators.Climate;

/// <summary>The SHT3x CRC-8 over each 16-bit word: polynomial 0x31, init 0xFF, no reflection, no final XOR (datasheet 4.12; CRC(0xBEEF) = 0x92).</summary>
public static class Sht3xCrc
{
    public static byte Compute(ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
            }
        }

        return crc;
    }
}
