namespace SmartCustoms.Simulators.BeltScale;

/// <summary>The belt scale's input registers (CONTRACT.md, 0-based).</summary>
public static class BeltScaleRegisters
{
    /// <summary>Flow, 0.1 t/h, uint32 high word first.</summary>
    public const int FlowHigh = 0;

    /// <summary>Totaliser, 0.1 t, uint32 high word first.</summary>
    public const int TotaliserHigh = 2;

    /// <summary>Belt speed, mm/s.</summary>
    public const int SpeedMmPerS = 4;

    /// <summary>bit0 belt running, bit1 fault.</summary>
    public const int Status = 5;
    public const int Heartbeat = 6;
    public const int InputCount = 7;

    public const ushort StatusRunning = 0x0001;
    public const ushort StatusFault = 0x0002;
}
