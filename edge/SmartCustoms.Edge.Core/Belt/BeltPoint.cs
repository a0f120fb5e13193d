namespace SmartCustoms.Edge.Core.Belt;

/// <summary>One point of the belt's history.</summary>
/// <param name="Timestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/>.</param>
/// <param name="PositionMetres">Belt travel since tracking started.</param>
/// <param name="SpeedMetresPerSecond">Belt speed at that moment.</param>
/// <param name="Uncertain">The interval ending here had no fresh speed information (a gap longer than the timeout).</param>
public readonly record struct BeltPoint(long Timestamp, double PositionMetres, double SpeedMetresPerSecond, bool Uncertain);
