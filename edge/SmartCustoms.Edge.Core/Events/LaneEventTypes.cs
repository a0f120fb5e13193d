namespace SmartCustoms.Edge.Core.Events;

/// <summary>The event types (the <c>{type}</c> in <c>…/event/{type}</c>).</summary>
public static class LaneEventTypes
{
    public const string Segment = "segment";
    public const string Lot = "lot";
    public const string Increment = "increment";
    public const string Alarm = "alarm";
    public const string Brand = "brand";
}
