namespace SmartCustoms.Simulators.Sampler;

/// <summary>Mechanics of the simulated cross-stream cutter (DOMAIN.md, ISO 3082).</summary>
public sealed record SamplerSimulatorOptions
{
    /// <summary>Cutter opening b, m (≥ 3 × nominal top size).</summary>
    public double CutterOpeningM { get; init; } = 0.15;

    /// <summary>Cutter speed through the stream v_c, m/s (≤ ~0.6).</summary>
    public double CutterSpeedMps { get; init; } = 0.6;

    /// <summary>From the command to the cutter entering the stream (start-up, travel to the stream edge), s.</summary>
    public double ApproachSeconds { get; init; } = 0.15;

    /// <summary>Time the cutter is in the stream, s.</summary>
    public double InStreamSeconds { get; init; } = 0.25;

    /// <summary>Return to the home position after the cut (also the homing time), s. Cycle = approach + in stream + return ≈ 1 s.</summary>
    public double ReturnSeconds { get; init; } = 0.6;

    /// <summary>Sample bin capacity, kg; at 100 % the bin-full input is set and cuts are refused.</summary>
    public double BinCapacityKg { get; init; } = 10_000;

    /// <summary>Belt speed below which the belt interlock is open (no cuts on a stopped belt), m/s.</summary>
    public double InterlockMinBeltSpeedMps { get; init; } = 0.2;
}
