namespace SmartCustoms.Simulators.Radiation;

/// <summary>The radiation monitor's input registers (CONTRACT.md, 0-based).</summary>
public static class RadiationRegisters
{
    /// <summary>Dose rate, nSv/h, uint32 high word first.</summary>
    public const int DoseRateHigh = 0;
    public const int Background = 2;

    /// <summary>0 normal, 1 warning, 2 alarm.</summary>
    public const int AlarmState = 3;
    public const int Heartbeat = 4;

    /// <summary>0 ok.</summary>
    public const int DetectorStatus = 5;
    public const int InputCount = 6;
}
