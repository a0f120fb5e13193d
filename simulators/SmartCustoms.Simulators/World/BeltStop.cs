namespace SmartCustoms.Simulators.World;

/// <summary>A scheduled stop of the belt: it ramps down at <paramref name="AtSeconds"/> and restarts after <paramref name="DurationSeconds"/>.</summary>
public sealed record BeltStop(double AtSeconds, double DurationSeconds);
