using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Faults;

/// <summary>Wire names of fault kinds, as the control API and scsim spell them.</summary>
public static class DeviceFaultKinds
{
    public static IReadOnlyList<string> Names { get; } = ["disconnect", "stall", "garbage", "slow", "nan", "saturated"];

    public static string WireName(DeviceFaultKind kind) => kind switch
    {
        DeviceFaultKind.Disconnect => "disconnect",
        DeviceFaultKind.Stall => "stall",
        DeviceFaultKind.Garbage => "garbage",
        DeviceFaultKind.Slow => "slow",
        DeviceFaultKind.NanSpectra => "nan",
        _ => "saturated",
    };

    /// <summary>Parses a wire name (case-insensitive): disconnect, stall, garbage, slow, nan, saturated.</summary>
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
