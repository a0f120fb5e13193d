namespace SmartCustoms.Simulators.World;

/// <summary>A fault a scenario injects: on <paramref name="Device"/> (nir, camera, …) at lane time <paramref name="AtSeconds"/> for <paramref name="DurationSeconds"/>.</summary>
public sealed record ScheduledFault(string Device, DeviceFaultKind Kind, double AtSeconds, double DurationSeconds);
