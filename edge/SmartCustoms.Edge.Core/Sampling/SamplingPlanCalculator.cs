using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>The ISO 3082 formulas (DOMAIN.md, "Sampling"). Pure functions; thread-safe.</summary>
public static class SamplingPlanCalculator
{
    /// <summary>⌈(2σ_w/β_S)²⌉ — primary increments needed for precision β_S at 95 %.</summary>
    public static int IncrementsForPrecision(double withinStratumStdDev, double precision)
    {
        var n = Math.Pow(2 * withinStratumStdDev / precision, 2);
        // 1e-9 keeps an exact square (e.g. 25.000000000000004 from binary fractions) from rounding up.
        return (int)Math.Ceiling(n - 1e-9);
    }

    /// <summary>Δm = m_lot / n₁, t.</summary>
    public static double MassInterval(double lotMassTonnes, int increments) => lotMassTonnes / increments;

    /// <summary>Δt = 3600 · m_lot / (q_max · n₁), s.</summary>
    public static double TimeInterval(double lotMassTonnes, double maxFlowTonnesPerHour, int increments) =>
        3600 * lotMassTonnes / (maxFlowTonnesPerHour * increments);

    /// <summary>m_I = q · b / (3.6 · v_c), kg (q in t/h, b in m, v_c in m/s).</summary>
    public static double IncrementMassKg(double flowTonnesPerHour, double cutterOpeningMetres, double cutterSpeedMetresPerSecond) =>
        flowTonnesPerHour * cutterOpeningMetres / (3.6 * cutterSpeedMetresPerSecond);

    public static SamplingPlan Create(SamplingOptions options, double lotMassTonnes, string lotId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lotMassTonnes);
        var forPrecision = IncrementsForPrecision(options.WithinStratumStdDev, options.Precision);
        var n1 = Math.Max(options.MinimumIncrements, forPrecision);
        var basis = options.Scheme switch
        {
            SamplingScheme.MassSystematic => StratumBasis.Mass,
            SamplingScheme.TimeSystematic => StratumBasis.Time,
            _ => options.StratumBasis,
        };
        return new SamplingPlan(
            options.Scheme,
            basis,
            lotMassTonnes,
            options.WithinStratumStdDev,
            options.Precision,
            forPrecision,
            n1,
            MassInterval(lotMassTonnes, n1),
            TimeInterval(lotMassTonnes, options.MaxFlowTonnesPerHour, n1),
            options.MaxFlowTonnesPerHour,
            options.RandomSeed ?? StableSeed(lotId),
            options.RandomStartInFirstInterval);
    }

    /// <summary>FNV-1a of the lot id: the same lot always gets the same plan, across restarts and machines.</summary>
    public static int StableSeed(string lotId)
    {
        ArgumentNullException.ThrowIfNull(lotId);
        var hash = 2166136261u;
        foreach (var c in lotId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFF_FFFF);
    }
}
