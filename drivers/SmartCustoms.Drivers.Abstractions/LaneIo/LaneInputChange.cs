namespace SmartCustoms.Drivers.Abstractions.LaneIo;

/// <summary>One debounced change of a lane input.</summary>
/// <param name="Input">Which input changed.</param>
/// <param name="Active">The new logical state (active-low wiring already applied).</param>
/// <param name="Timestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> of the first sample at the new level.</param>
/// <param name="HostTime">Wall-clock time when the change was confirmed (for display and records).</param>
/// <param name="FailSafe">True when the state was forced because the input could not be read (e-stop fail-safe).</param>
public sealed record LaneInputChange(LaneInput Input, bool Active, long Timestamp, DateTimeOffset HostTime, bool FailSafe);
