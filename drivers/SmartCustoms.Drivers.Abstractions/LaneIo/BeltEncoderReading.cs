namespace SmartCustoms.Drivers.Abstractions.LaneIo;

/// <summary>The belt encoder as of one read.</summary>
/// <param name="PulseCount">Rising edges counted since the driver opened the encoder input (never reset).</param>
/// <param name="PulsesInWindow">Rising edges inside the speed window ending at <paramref name="HostTimestamp"/>.</param>
/// <param name="Window">The time the speed was averaged over (shorter than configured right after start).</param>
/// <param name="BeltSpeedMetresPerSecond">PulsesInWindow / pulses-per-metre / Window, m/s; 0 with no encoder.</param>
/// <param name="HostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> of the read.</param>
public sealed record BeltEncoderReading(
    long PulseCount,
    int PulsesInWindow,
    TimeSpan Window,
    double BeltSpeedMetresPerSecond,
    long HostTimestamp);
