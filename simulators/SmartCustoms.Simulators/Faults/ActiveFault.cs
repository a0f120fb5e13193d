using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Faults;

/// <summary>A fault in force on a device and how long it lasts still; <paramref name="Scheduled"/> when it comes from the scenario.</summary>
public sealed record ActiveFault(string Device, DeviceFaultKind Kind, TimeSpan Remaining, bool Scheduled);
