namespace SmartCustoms.Edge.Core.Events;

/// <summary>
/// A domain event for storage, MQTT (<c>…/event/{Type}</c>) and the UI. The host wraps it in the contract's
/// envelope (id, seq, site, lane); <see cref="Data"/> serialises with <see cref="LaneEventJson.Options"/>.
/// </summary>
/// <param name="Type">Topic type: <c>segment</c>, <c>lot</c>, <c>increment</c>, <c>alarm</c>, <c>brand</c>.</param>
/// <param name="Name">What happened within the type, e.g. <c>judged</c>, <c>started</c>, <c>refused</c>, <c>raised</c>.</param>
/// <param name="LotId">The lot it concerns, if any.</param>
/// <param name="Timestamp">Wall-clock time of the event (UTC).</param>
/// <param name="Data">The payload record (SegmentReport, LotSnapshot, IncrementRecord, AlarmChange, BrandConformity).</param>
public sealed record LaneEvent(string Type, string Name, string? LotId, DateTimeOffset Timestamp, object Data)
{
    /// <summary>The envelope's schema name, e.g. <c>sc.event.segment/1</c>.</summary>
    public string Schema => $"sc.event.{Type}/1";
}
