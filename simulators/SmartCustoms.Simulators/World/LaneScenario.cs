namespace SmartCustoms.Simulators.World;

/// <summary>What happens on a simulated lane. Build one with <see cref="LaneScenarios.Create"/> and adjust with <c>with</c>.</summary>
public sealed record LaneScenario
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>The brand actually on the belt.</summary>
    public required OreBrand ActualBrand { get; init; }

    /// <summary>The brand the lot declares (differs from the actual one in <c>mismatch</c>).</summary>
    public required OreBrand DeclaredBrand { get; init; }

    /// <summary>Mean contaminant items per km of belt (Poisson arrivals along the belt).</summary>
    public double ItemsPerKm { get; init; }

    /// <summary>Probability that an item of 10 cm lies (partly) on the surface; larger items are exposed more often.</summary>
    public double ExposureProbability { get; init; } = 0.45;

    /// <summary>Relative frequency of each material among the items.</summary>
    public IReadOnlyDictionary<ContaminantMaterial, double> MaterialWeights { get; init; } = LaneScenarios.DefaultMaterialWeights;

    /// <summary>Mean radioactive sources per km of belt.</summary>
    public double RadioactiveSourcesPerKm { get; init; }

    /// <summary>Faults injected on a schedule (lane time).</summary>
    public IReadOnlyList<ScheduledFault> Faults { get; init; } = [];

    /// <summary>When faults repeat: the schedule restarts every this many seconds (0 = once).</summary>
    public double FaultCycleSeconds { get; init; }
}
