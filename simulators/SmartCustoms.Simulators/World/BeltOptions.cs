namespace SmartCustoms.Simulators.World;

/// <summary>The discharge belt of the lane.</summary>
public sealed record BeltOptions
{
    public double WidthM { get; init; } = 1.8;

    /// <summary>Running speed, m/s (DOMAIN: ~4–6).</summary>
    public double NominalSpeedMps { get; init; } = 5.0;

    /// <summary>Ore flow while running at nominal speed, t/h (scales with speed).</summary>
    public double NominalFlowTph { get; init; } = 8000;

    /// <summary>Time to reach speed from standstill (and to stop), s.</summary>
    public double RampSeconds { get; init; } = 4.0;

    /// <summary>Scheduled stops (time since lane start).</summary>
    public IReadOnlyList<BeltStop> Stops { get; init; } = [];
}
