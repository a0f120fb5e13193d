namespace SmartCustoms.Drivers.Abstractions.Radiation;

/// <summary>One read of a pass-through gamma radiation monitor.</summary>
/// <param name="DoseRateNanosievertPerHour">Current dose rate, nSv/h.</param>
/// <param name="BackgroundNanosievertPerHour">The monitor's background estimate, nSv/h.</param>
/// <param name="AlarmState">The monitor's alarm decision.</param>
/// <param name="DetectorStatus">The monitor's detector status code; 0 means OK, other values are device-specific faults.</param>
/// <param name="Heartbeat">The monitor's heartbeat counter (wraps).</param>
/// <param name="HostTime">Wall-clock time on the gateway when the read completed (for display and records).</param>
/// <param name="HostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> when the read completed (for ordering).</param>
public sealed record RadiationReading(
    uint DoseRateNanosievertPerHour,
    ushort BackgroundNanosievertPerHour,
    RadiationAlarmState AlarmState,
    ushort DetectorStatus,
    ushort Heartbeat,
    DateTimeOffset HostTime,
    long HostTimestamp)
{
    public bool DetectorOk => DetectorStatus == 0;
}
