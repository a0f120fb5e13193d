namespace SmartCustoms.Drivers.Abstractions.BeltScale;

/// <summary>One read of a belt scale (weightometer).</summary>
/// <param name="FlowTonnesPerHour">Material flow over the scale, t/h (device resolution 0.1 t/h).</param>
/// <param name="TotaliserTonnes">The scale's running total, t (resolution 0.1 t; wraps at 2^32 × 0.1 t).</param>
/// <param name="BeltSpeedMetresPerSecond">Belt speed, m/s (device resolution 1 mm/s).</param>
/// <param name="Running">Status bit 0: the belt is running.</param>
/// <param name="Fault">Status bit 1: the scale reports a fault.</param>
/// <param name="Heartbeat">The scale's heartbeat counter (wraps).</param>
/// <param name="HostTime">Wall-clock time on the gateway when the read completed (for display and records).</param>
/// <param name="HostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> when the read completed (for ordering).</param>
public sealed record BeltScaleReading(
    double FlowTonnesPerHour,
    double TotaliserTonnes,
    double BeltSpeedMetresPerSecond,
    bool Running,
    bool Fault,
    ushort Heartbeat,
    DateTimeOffset HostTime,
    long HostTimestamp);
