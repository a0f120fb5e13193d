using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Radiation;

namespace SmartCustoms.Drivers.Modbus.Radiation;

/// <summary>The radiation monitor's input register map (CONTRACT.md) and its decoding. Pure.</summary>
internal static class RadiationRegisters
{
    public const ushort First = 0;
    public const int Count = 6;

    public static RadiationReading Decode(ReadOnlySpan<ushort> registers, DateTimeOffset hostTime, long hostTimestamp)
    {
        if (registers.Length < Count)
        {
            throw new ProtocolException($"radiation monitor map needs {Count} input registers, got {registers.Length}");
        }

        var alarm = registers[3];
        if (alarm > (ushort)RadiationAlarmState.Alarm)
        {
            // An alarm state we cannot interpret must not be read as "normal".
            throw new ProtocolException($"radiation alarm state register holds {alarm}, expected 0 (normal), 1 (warning) or 2 (alarm)");
        }

        return new RadiationReading(
            DoseRateNanosievertPerHour: ((uint)registers[0] << 16) | registers[1],
            BackgroundNanosievertPerHour: registers[2],
            AlarmState: (RadiationAlarmState)alarm,
            DetectorStatus: registers[5],
            Heartbeat: registers[4],
            HostTime: hostTime,
            HostTimestamp: hostTimestamp);
    }
}
