namespace SmartCustoms.Edge.Core.Alarms;

/// <summary>What the lane's stack light and horn should show: the worst open, unacknowledged alarm.</summary>
public sealed record StackLightState(StackLightColor Color, bool Horn)
{
    public static StackLightState AllClear { get; } = new(StackLightColor.Green, false);
}
