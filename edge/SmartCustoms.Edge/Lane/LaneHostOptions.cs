namespace SmartCustoms.Edge.Lane;

/// <summary>How the host drives the lane core (section <c>Lane:Host</c>).</summary>
internal sealed class LaneHostOptions
{
    public const string SectionName = "Lane:Host";

    /// <summary>How often the core is ticked (segment judging, sampling schedule, alarm checks).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
