using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>An ISO 3082 sampling plan for one lot (published with the lot-started event).</summary>
/// <param name="Scheme">Mass-basis systematic, time-basis systematic or stratified random.</param>
/// <param name="Basis">What the plan advances with: lot tonnes or seconds of running belt.</param>
/// <param name="LotMassTonnes">m_lot: the declared mass the plan is sized from.</param>
/// <param name="WithinStratumStdDev">σ_w.</param>
/// <param name="Precision">β_S.</param>
/// <param name="IncrementsForPrecision">⌈(2σ_w/β_S)²⌉ before the minimum is applied.</param>
/// <param name="Increments">n₁ = max(minimum, ⌈(2σ_w/β_S)²⌉).</param>
/// <param name="MassIntervalTonnes">Δm = m_lot / n₁.</param>
/// <param name="TimeIntervalSeconds">Δt = 3600 · m_lot / (q_max · n₁).</param>
/// <param name="MaxFlowTonnesPerHour">q_max.</param>
/// <param name="Seed">Seed of the random start / strata, so the plan can be reproduced for an audit.</param>
/// <param name="RandomStart">Systematic schemes start at a random point of the first interval.</param>
public sealed record SamplingPlan(
    SamplingScheme Scheme,
    StratumBasis Basis,
    double LotMassTonnes,
    double WithinStratumStdDev,
    double Precision,
    int IncrementsForPrecision,
    int Increments,
    double MassIntervalTonnes,
    double TimeIntervalSeconds,
    double MaxFlowTonnesPerHour,
    int Seed,
    bool RandomStart)
{
    /// <summary>The interval in the plan's own basis (t or s).</summary>
    public double Interval => Basis == StratumBasis.Mass ? MassIntervalTonnes : TimeIntervalSeconds;
}
