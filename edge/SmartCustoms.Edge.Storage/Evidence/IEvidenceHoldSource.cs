namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>
/// Tells retention which lots are open. The host registers one backed by the lane; without it every lot's
/// evidence is kept (<see cref="EvidenceHolds.Unknown"/>). Implementations must be thread-safe.
/// </summary>
public interface IEvidenceHoldSource
{
    EvidenceHolds Capture();
}
