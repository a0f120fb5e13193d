namespace SmartCustoms.Edge.Core.Mode;

/// <summary>What the lane is doing: inspecting lots, or being worked on by technicians.</summary>
public enum LaneMode
{
    /// <summary>Normal operation: lots, scheduled and triggered cuts, every alarm.</summary>
    Run,

    /// <summary>
    /// Technicians work on the lane: no lot may start, no scheduled or triggered cut is commanded (a manual
    /// <c>request-increment</c> still is, to test the sampler), and only safety alarms (radiation) are raised.
    /// </summary>
    Maintenance,
}
