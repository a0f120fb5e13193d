namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>What <see cref="SegmentJudge"/> decided for one segment.</summary>
public sealed record SegmentJudgement(SegmentVerdict Verdict, IReadOnlyList<Finding> Findings, IReadOnlyList<MaterialShare> ContaminantShares);
