namespace SmartCustoms.Edge.Core.Alarms;

/// <summary>One alarm as recorded.</summary>
/// <param name="Id">Stable id (<c>alm-…</c>).</param>
/// <param name="Type">What kind.</param>
/// <param name="Severity">Warning or critical (may rise while open).</param>
/// <param name="Key">De-duplication key: raising the same key again while the alarm is open only counts.</param>
/// <param name="LotId">The lot open when it was raised.</param>
/// <param name="Message">In an operator's words (the latest occurrence).</param>
/// <param name="RaisedAt">First occurrence.</param>
/// <param name="LastRaisedAt">Latest occurrence.</param>
/// <param name="Occurrences">How many times it was raised while open.</param>
/// <param name="Active">The condition is still present (latched alarms are inactive as soon as raised).</param>
/// <param name="AcknowledgedBy">Who acknowledged it.</param>
/// <param name="AcknowledgedAt">When.</param>
/// <param name="AcknowledgeNote">The operator's note.</param>
public sealed record Alarm(
    string Id,
    AlarmType Type,
    AlarmSeverity Severity,
    string Key,
    string? LotId,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastRaisedAt,
    int Occurrences,
    bool Active,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgeNote)
{
    public bool Acknowledged => AcknowledgedBy is not null;

    /// <summary>Open until it is both acknowledged and no longer active.</summary>
    public bool Open => !(Acknowledged && !Active);
}
