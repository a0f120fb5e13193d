using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Faults;

/// <summary>Wire names of fault kinds, as the control API and scsim spell them.</summary>
public static class DeviceFaultKinds
{
    public static IReadOnlyList<string> Names { get; } = ["disconnect", "stall", "garbage", "slow", "nan", "saturated", "exception", "stuck-heartbeat", "frozen", "corrupt", "clock-offset", "bad-crc"];

    /// <summary>The clock offset of a <c>clock-offset</c> fault when none is given (and of scheduled ones): the device clock runs one hour ahead.</summary>
    public static TimeSpan DefaultClockOffset { get; } = TimeSpan.FromHours(1);

    /// <summary>The largest clock offset accepted either way (one year).</summary>
    public static TimeSpan MaxClockOffset { get; } = TimeSpan.FromDays(365);

    public static string WireName(DeviceFaultKind kind) => kind switch
    {
        DeviceFaultKind.Disconnect => "disconnect",
        DeviceFaultKind.Stall => "stall",
        DeviceFaultKind.Garbage => "garbage",
        DeviceFaultKind.Slow => "slow",
        DeviceFaultKind.NanSpectra => "nan",
        DeviceFaultKind.SaturatedSpectra => "saturated",
        DeviceFaultKind.ModbusException => "exception",
        DeviceFaultKind.StuckHeartbeat => "stuck-heartbeat",
        DeviceFaultKind.FrozenFrames => "frozen",
        DeviceFaultKind.CorruptJpeg => "corrupt",
        DeviceFaultKind.ClockOffset => "clock-offset",
        DeviceFaultKind.BadCrc => "bad-crc",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The fault kinds a device can show: the transport faults for the network devices, plus its own; the cabinet climate sensor (I2C) has no connection to stall, only a missing answer (disconnect = NACK) and bad CRCs; the lane GPIO (laneio) only stops answering (disconnect).</summary>
    public static IReadOnlyList<DeviceFaultKind> ApplicableTo(string device)
    {
        DeviceFaultKind[] common = [DeviceFaultKind.Disconnect, DeviceFaultKind.Stall, DeviceFaultKind.Garbage, DeviceFaultKind.Slow];
        return device.Trim().ToLowerInvariant() switch
        {
            "nir" => [.. common, DeviceFaultKind.NanSpectra, DeviceFaultKind.SaturatedSpectra, DeviceFaultKind.ClockOffset],
            "camera" => [.. common, DeviceFaultKind.FrozenFrames, DeviceFaultKind.CorruptJpeg, DeviceFaultKind.ClockOffset],
            "cabinet" => [DeviceFaultKind.Disconnect, DeviceFaultKind.BadCrc],
            "laneio" => [DeviceFaultKind.Disconnect],
            "sampler" or "scale" or "radiation" => [.. common, DeviceFaultKind.ModbusException, DeviceFaultKind.StuckHeartbeat],
            _ => [],
        };
    }

    /// <summary>Parses a wire name (case-insensitive): disconnect, stall, garbage, slow, nan, saturated, exception, stuck-heartbeat, frozen, corrupt, clock-offset, bad-crc.</summary>
    public static bool TryParse(string? text, out DeviceFaultKind kind)
    {
        foreach (var k in Enum.GetValues<DeviceFaultKind>())
        {
            if (string.Equals(WireName(k), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
