using SmartCustoms.Edge.Core.Alarms;

namespace SmartCustoms.Edge.Core.Mode;

/// <summary>
/// What maintenance changes, in one place. Thread-safe (pure).
/// <list type="bullet">
/// <item>Radiation alarms are always raised: a radioactive source on the belt endangers the technicians too.</item>
/// <item>Device-down alarms are not: technicians unplug devices (device states are still published).</item>
/// <item>Missed-increment alarms are not: no lot is open, so no lot's sample is lost; a failed test cut is
/// still recorded (<c>increment/refused|missed</c>) and answered in the command's reply.</item>
/// <item>Contamination alarms are not, for segments of no lot: technicians pass test pieces under the camera and
/// spectrometer; the segments are still judged and published as <c>segment</c> events with their evidence. A segment
/// of the lot just ended (still passing the sensors at the switch) raises it as in run.</item>
/// <item>Brand-mismatch alarms need an open lot, so they cannot arise.</item>
/// </list>
/// </summary>
public static class LaneModeRules
{
    /// <summary>The values <c>set-mode</c> accepts, in words.</summary>
    public const string AllowedValues = "run, maintenance";

    /// <summary>True when an alarm of <paramref name="type"/> is raised in <paramref name="mode"/>.</summary>
    public static bool Raises(LaneMode mode, AlarmType type) =>
        mode == LaneMode.Run || type == AlarmType.Radiation;

    /// <summary>The contract's name of <paramref name="mode"/> (<c>run</c>, <c>maintenance</c>).</summary>
    public static string Name(LaneMode mode) => mode == LaneMode.Maintenance ? "maintenance" : "run";

    /// <summary>Parses a mode name as the contract spells it (case and surrounding blanks ignored).</summary>
    public static bool TryParse(string? text, out LaneMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "run":
                mode = LaneMode.Run;
                return true;
            case "maintenance":
                mode = LaneMode.Maintenance;
                return true;
            default:
                mode = LaneMode.Run;
                return false;
        }
    }
}
