namespace SmartCustoms.Edge.Core.Belt;

/// <summary>A snapshot of the belt as the tracker knows it.</summary>
/// <param name="PositionMetres">Belt travel at the last sample.</param>
/// <param name="SpeedMetresPerSecond">Speed at the last sample.</param>
/// <param name="SpeedKnown">False when the last sample is older than the timeout: position and arrivals are unknown.</param>
/// <param name="Moving">Speed known and above the moving threshold.</param>
/// <param name="Source">Which source drives the position.</param>
/// <param name="LastSampleTimestamp">Monotonic timestamp of the last sample (0 before the first).</param>
/// <param name="UncertainIntervals">Intervals integrated across a gap longer than the timeout since start.</param>
/// <param name="RejectedSamples">Samples refused (negative, non-finite, out of order, counter going back).</param>
public sealed record BeltState(
    double PositionMetres,
    double SpeedMetresPerSecond,
    bool SpeedKnown,
    bool Moving,
    BeltPositionSource Source,
    long LastSampleTimestamp,
    long UncertainIntervals,
    long RejectedSamples);
