namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>Ids of the observations that drove a verdict (capped at Lane:Segments:MaxEvidenceIds per list).</summary>
public sealed record SegmentEvidenceIds(
    IReadOnlyList<string> ContaminantSpectra,
    IReadOnlyList<string> SuspectSpectra,
    IReadOnlyList<string> OutOfDistributionSpectra,
    IReadOnlyList<string> ContaminantDetections,
    IReadOnlyList<string> SuspectDetections);
