namespace SmartCustoms.Edge.Storage.Evidence;

/// <summary>The default when no lane tells which lots are open: keep the evidence of every lot.</summary>
internal sealed class UnknownEvidenceHolds : IEvidenceHoldSource
{
    public EvidenceHolds Capture() => EvidenceHolds.Unknown;
}
