using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Faults;

/// <summary>Wire names of fault kinds, as the control API and scsim spell them.</summary>
public static class DeviceFaultKinds
{
    public static IReadOnlyList<string> Names { get; } = ["disconnect", "stall", "garbage", "slow", "nan", "saturated", "exception", "stuck-heartbeat", "frozen", "corrupt"];

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
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The fault kinds a device can show: the transport faults for all, plus its own.</summary>
    public static IReadOnlyList<DeviceFaultKind> ApplicableTo(string device)
    {
        DeviceFaultKind[] common = [DeviceFaultKind.Disconnect, DeviceFaultKind.Stall, DeviceFaultKind.Garbage, DeviceFaultKind.Slow];
        return device.Trim().ToLowerInvariant() switch
        {
            "nir" => [.. common, DeviceFaultKind.NanSpectra, DeviceFaultKind.SaturatedSpectra],
            "camera" => [.. common, DeviceFaultKind.FrozenFrames, DeviceFaultKind.CorruptJpeg],
            "sampler" or "scale" or "radiation" => [.. common, DeviceFaultKind.ModbusException, DeviceFaultKind.StuckHeartbeat],
            _ => [],
        };
    }

    /// <summary>Parses a wire name (case-insensitive): disconnect, stall, garbage, slow, nan, saturated, exception, stuck-heartbeat, frozen, corrupt.</summary>
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
