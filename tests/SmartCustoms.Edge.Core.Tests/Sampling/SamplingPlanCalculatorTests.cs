using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Sampling;

namespace SmartCustoms.Edge.Core.Tests.Sampling;

public sealed class SamplingPlanCalculatorTests
{
    [Theory]
    [InlineData(1.0, 0.4, 25)]     // (2·1/0.4)² = 25 exactly
    [InlineData(0.5, 0.3, 12)]     // (3.33…)² = 11.1 → 12
    [InlineData(1.5, 0.25, 144)]   // 12² = 144
    [InlineData(0.3, 0.4, 3)]      // 2.25 → 3
    public void Increments_for_precision_follow_n1_equals_ceil_2_sigma_over_beta_squared(double sigma, double beta, int expected) =>
        Assert.Equal(expected, SamplingPlanCalculator.IncrementsForPrecision(sigma, beta));

    [Fact]
    public void Worked_example_mass_and_time_intervals()
    {
        // 100,000 t lot, σw = 1.0, βS = 0.4 → n1 = 25; Δm = 4,000 t; q_max = 8,000 t/h → Δt = 3600·100000/(8000·25) = 1,800 s.
        var plan = SamplingPlanCalculator.Create(
            new SamplingOptions { WithinStratumStdDev = 1.0, Precision = 0.4, MinimumIncrements = 10, MaxFlowTonnesPerHour = 8000 },
            100_000, "LOT-1");
        Assert.Equal(25, plan.IncrementsForPrecision);
        Assert.Equal(25, plan.Increments);
        Assert.Equal(4000, plan.MassIntervalTonnes, 9);
        Assert.Equal(1800, plan.TimeIntervalSeconds, 9);
        Assert.Equal(StratumBasis.Mass, plan.Basis);
    }

    [Fact]
    public void The_configured_minimum_applies_when_precision_needs_fewer()
    {
        var plan = SamplingPlanCalculator.Create(
            new SamplingOptions { WithinStratumStdDev = 0.3, Precision = 0.4, MinimumIncrements = 10, MaxFlowTonnesPerHour = 6000, Scheme = SamplingScheme.TimeSystematic },
            27_000, "LOT-1");
        Assert.Equal(3, plan.IncrementsForPrecision);
        Assert.Equal(10, plan.Increments);
        Assert.Equal(2700, plan.MassIntervalTonnes, 9);
        Assert.Equal(3600.0 * 27_000 / (6000 * 10), plan.TimeIntervalSeconds, 9);
        Assert.Equal(StratumBasis.Time, plan.Basis);
        Assert.Equal(1620, plan.Interval, 9);
    }

    [Fact]
    public void Increment_mass_follows_q_b_over_3_6_vc()
    {
        // DOMAIN.md: 8,000 t/h, b = 0.15 m, v_c = 0.6 m/s → ~555 kg.
        Assert.Equal(8000 * 0.15 / (3.6 * 0.6), SamplingPlanCalculator.IncrementMassKg(8000, 0.15, 0.6), 9);
        Assert.Equal(555.6, SamplingPlanCalculator.IncrementMassKg(8000, 0.15, 0.6), 1);
    }

    [Fact]
    public void The_seed_is_stable_per_lot_and_differs_between_lots()
    {
        Assert.Equal(SamplingPlanCalculator.StableSeed("LOT-1"), SamplingPlanCalculator.StableSeed("LOT-1"));
        Assert.NotEqual(SamplingPlanCalculator.StableSeed("LOT-1"), SamplingPlanCalculator.StableSeed("LOT-2"));
        Assert.Equal(42, SamplingPlanCalculator.Create(new SamplingOptions { RandomSeed = 42 }, 1000, "LOT-1").Seed);
    }
}
