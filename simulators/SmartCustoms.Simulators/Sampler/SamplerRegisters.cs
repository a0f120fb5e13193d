namespace SmartCustoms.Simulators.Sampler;

/// <summary>The sampler PLC's register map (CONTRACT.md, 0-based offsets) with this simulator's extensions.</summary>
public static class SamplerRegisters
{
    // Holding registers.
    public const int Command = 0;
    public const int CommandSequence = 1;
    public const int IncrementIdHigh = 2;
    public const int IncrementIdLow = 3;

    /// <summary>Extension: 0 remote (gateway in control), 1 local/maintenance (technician's switch).</summary>
    public const int LocalMode = 4;
    public const int HoldingCount = 5;

    // Input registers.
    public const int State = 0;
    public const int LastAcceptedSequence = 1;
    public const int IncrementsCompletedHigh = 2;
    public const int FaultCode = 4;
    public const int LastIncrementMass = 5;
    public const int LastIncrementIdHigh = 6;
    public const int BinFillPct = 8;
    public const int Heartbeat = 9;

    /// <summary>Extension: <see cref="SamplerCommandResult"/> of the last accepted command.</summary>
    public const int LastCommandResult = 10;
    public const int InputCount = 11;

    // Discrete inputs.
    public const int Ready = 0;
    public const int CutterHome = 1;
    public const int BinFull = 2;
    public const int BeltInterlockOk = 3;
    public const int DiscreteCount = 4;
}
