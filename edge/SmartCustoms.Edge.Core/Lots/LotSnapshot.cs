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
    SamplingPlan? Plan);
