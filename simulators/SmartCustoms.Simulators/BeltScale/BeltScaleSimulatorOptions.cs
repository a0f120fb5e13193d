namespace SmartCustoms.Simulators.BeltScale;

/// <summary>Behaviour of the simulated weightometer.</summary>
public sealed record BeltScaleSimulatorOptions
{
    /// <summary>Relative noise of the flow reading (1 σ), e.g. 0.005 = ±0.5 % (a class-0.5 weightometer).</summary>
    public double FlowNoiseFraction { get; init; } = 0.005;

    /// <summary>Below this speed the belt counts as stopped (status bit0 off), m/s.</summary>
    public double RunningMinSpeedMps { get; init; } = 0.05;
}
