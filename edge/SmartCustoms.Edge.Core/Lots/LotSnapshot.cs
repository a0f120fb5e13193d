using SmartCustoms.Edge.Core.Sampling;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>A lot's state at one moment: the payload of the <c>lot</c> events.</summary>
public sealed record LotSnapshot(
    LotDeclaration Declaration,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double Tonnes,
    int ClearSegments,
    int SuspectSegments,
    int ContaminatedSegments,
    IReadOnlyDictionary<string, int> ItemsByMaterial,
    IReadOnlyDictionary<string, int> IncrementsTaken,
    bool RadiationAlarm,
    BrandConformity Brand,
    LotVerdict Verdict,
    SamplingPlan? Plan,
    IReadOnlyList<HoldRelease>? Releases = null)
{
    /// <summary>HOLD releases by a supervisor (empty when never released); additive field <c>releases</c> of the v1 lot payloads.</summary>
    public IReadOnlyList<HoldRelease> Releases { get; init; } = Releases ?? [];
}
