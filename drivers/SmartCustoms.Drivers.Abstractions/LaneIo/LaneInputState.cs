namespace SmartCustoms.Drivers.Abstractions.LaneIo;

/// <summary>The debounced state of the lane inputs.</summary>
/// <param name="BeltRunning">The belt is running; false when unknown.</param>
/// <param name="BeltRunningSince">Monotonic timestamp of the last change of <paramref name="BeltRunning"/> (0 before the first).</param>
/// <param name="EStopActive">An e-stop is active, or its input is not known to be released (fail-safe).</param>
/// <param name="EStopSince">Monotonic timestamp of the last change of <paramref name="EStopActive"/> (0 before the first).</param>
/// <param name="EStopFailSafe">True when <paramref name="EStopActive"/> is forced because the input is missing or unreadable.</param>
public sealed record LaneInputState(
    bool BeltRunning,
    long BeltRunningSince,
    bool EStopActive,
    long EStopSince,
    bool EStopFailSafe)
{
    /// <summary>Before the inputs were ever read: belt unknown (not running), e-stop fail-safe active.</summary>
    public static LaneInputState Unknown { get; } = new(false, 0, true, 0, true);
}
