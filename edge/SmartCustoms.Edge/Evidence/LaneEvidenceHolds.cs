using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Storage.Evidence;

namespace SmartCustoms.Edge.Evidence;

/// <summary>
/// Retention's view of the lane: the lot open right now holds its evidence. (Alarms hold theirs through the
/// evidence index itself until acknowledged, which survives restarts.) Thread-safe: the core is.
/// </summary>
internal sealed class LaneEvidenceHolds(LaneCore core) : IEvidenceHoldSource
{
    public EvidenceHolds Capture()
    {
        var lot = core.GetSnapshot().Lot;
        var open = new HashSet<string>(StringComparer.Ordinal);
        if (lot is { EndedAt: null })
        {
            open.Add(lot.Declaration.LotId);
        }

        return new EvidenceHolds(open, HoldAllLots: false);
    }
}
