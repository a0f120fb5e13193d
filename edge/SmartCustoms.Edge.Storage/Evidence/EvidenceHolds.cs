namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>
/// What retention must keep right now: evidence of these open lots. Evidence of an alarm is kept until the
/// alarm is acknowledged (recorded in the index itself, so it survives restarts).
/// </summary>
/// <param name="OpenLots">Lots still open.</param>
/// <param name="HoldAllLots">True when open lots are unknown (no lane registered): every record with a lot is kept.</param>
public sealed record EvidenceHolds(IReadOnlySet<string> OpenLots, bool HoldAllLots)
{
    /// <summary>Nothing is known about lots: keep the evidence of every lot.</summary>
    public static EvidenceHolds Unknown { get; } = new(new HashSet<string>(), HoldAllLots: true);

    /// <summary>True when <paramref name="record"/> must not be pruned.</summary>
    public bool Holds(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.AlarmId is not null && !record.AlarmAcknowledged)
        {
            return true;
        }

        return record.Lot is not null && (HoldAllLots || OpenLots.Contains(record.Lot));
    }
}
