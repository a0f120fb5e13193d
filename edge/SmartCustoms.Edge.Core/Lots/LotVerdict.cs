using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>A lot's verdict with every reason that drove it.</summary>
public sealed record LotVerdict(LotVerdictLevel Level, IReadOnlyList<Finding> Reasons)
{
    public static LotVerdict Clear { get; } = new(LotVerdictLevel.Clear, []);

    /// <summary>Same level and the same reason codes (messages carry counts that change all the time).</summary>
    public bool SameAs(LotVerdict other) =>
        other is not null && Level == other.Level && Reasons.Select(r => r.Code).SequenceEqual(other.Reasons.Select(r => r.Code));
}
