namespace SmartCustoms.Edge.Core.Observations;

/// <summary>One belt-scale (weightometer) reading.</summary>
/// <param name="Timestamp">Monotonic timestamp of the reading.</param>
/// <param name="FlowTonnesPerHour">Flow rate, t/h.</param>
/// <param name="TotaliserTonnes">Totaliser, t (cumulative; lot tonnes are its delta).</param>
/// <param name="SpeedMetresPerSecond">Belt speed, m/s; null when the scale does not report it (encoder lanes).</param>
public sealed record BeltScaleReading(long Timestamp, double FlowTonnesPerHour, double TotaliserTonnes, double? SpeedMetresPerSecond);
