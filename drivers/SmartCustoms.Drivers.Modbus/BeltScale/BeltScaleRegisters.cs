using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.BeltScale;

namespace SmartCustoms.Drivers.Modbus.BeltScale;

/// <summary>The belt scale's input register map (CONTRACT.md) and its decoding. Pure.</summary>
internal static class BeltScaleRegisters
{
    public const ushort First = 0;
    public const int Count = 7;

    public static BeltScaleReading Decode(ReadOnlySpan<ushort> registers, DateTimeOffset hostTime, long hostTimestamp)
    {
        if (registers.Length < Count)
        {
            throw new ProtocolException($"belt scale map needs {Count} input registers, got {registers.Length}");
        }

        var flowTenths = ((uint)registers[0] << 16) | registers[1];
        var totalTenths = ((uint)registers[2] << 16) | registers[3];
        var status = registers[5];
        return new BeltScaleReading(
            FlowTonnesPerHour: flowTenths / 10.0,
            TotaliserTonnes: totalTenths / 10.0,
            BeltSpeedMetresPerSecond: registers[4] / 1000.0,
            Running: (status & 0x1) != 0,
            Fault: (status & 0x2) != 0,
            Heartbeat: registers[6],
            HostTime: hostTime,
            HostTimestamp: hostTimestamp);
    }
}
