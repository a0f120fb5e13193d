namespace SmartCustoms.Simulators.Climate;

/// <summary>The SHT3x commands the simulated sensor understands (16-bit, MSB first; datasheet table 9–17).</summary>
public static class Sht3xCommands
{
    public const ushort SingleShotHigh = 0x2400;
    public const ushort SingleShotMedium = 0x240B;
    public const ushort SingleShotLow = 0x2416;
    public const ushort SingleShotStretchHigh = 0x2C06;
    public const ushort SingleShotStretchMedium = 0x2C0D;
    public const ushort SingleShotStretchLow = 0x2C10;
    public const ushort SoftReset = 0x30A2;
    public const ushort HeaterEnable = 0x306D;
    public const ushort HeaterDisable = 0x3066;
    public const ushort ReadStatus = 0xF32D;
    public const ushort ClearStatus = 0x3041;
    public const ushort Break = 0x3093;
}
