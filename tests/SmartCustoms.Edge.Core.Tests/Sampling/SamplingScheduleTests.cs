using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Sampling;

namespace SmartCustoms.Edge.Core.Tests.Sampling;

public sealed class SamplingScheduleTests
{
    private static SamplingPlan Plan(SamplingScheme scheme, bool randomStart, int seed = 7, StratumBasis basis = StratumBasis.Mass) =>
        SamplingPlanCalculator.Create(
            new SamplingOptions
            {
                Scheme = scheme, StratumBasis = basis, WithinStratumStdDev = 1.0, Precision = 0.4,
                MinimumIncrements = 10, RandomStartInFirstInterval = randomStart, RandomSeed = seed,
            },
            100_000, "LOT-1");

    private static double[] Points(SamplingPlan plan, int count)
    {
        var schedule = new SamplingSchedule(plan);
        return [.. Enumerable.Range(0, count).Select(_ => schedule.Next())];
    }

    [Fact]
    public void Mass_systematic_without_random_start_is_every_delta_m()
    {
        Assert.Equal([4000.0, 8000, 12000, 16000], Points(Plan(SamplingScheme.MassSystematic, randomStart: false), 4));
    }

    [Fact]
    public void Systematic_with_random_start_starts_inside_the_first_interval_then_steps_by_delta()
    {
        var points = Points(Plan(SamplingScheme.MassSystematic, randomStart: true), 25);
        Assert.InRange(points[0], 0, 4000);
        for (var i = 1; i < points.Length; i++)
        {
            Assert.Equal(4000, points[i] - points[i - 1], 6);
        }
    }

    [Fact]
    public void Stratified_random_puts_one_point_inside_each_stratum()
    {
        var points = Points(Plan(SamplingScheme.StratifiedRandom, randomStart: false), 25);
        for (var k = 0; k < points.Length; k++)
        {
            Assert.InRange(points[k], k * 4000.0, (k + 1) * 4000.0);
        }

        // Random, not systematic: the offsets inside the strata differ.
        Assert.True(points.Select((p, k) => p - (k * 4000)).Distinct().Count() > 20);
    }

    [Fact]
    public void Stratified_random_is_reproducible_from_its_seed()
    {
        Assert.Equal(Points(Plan(SamplingScheme.StratifiedRandom, false, seed: 11), 10), Points(Plan(SamplingScheme.StratifiedRandom, false, seed: 11), 10));
        Assert.NotEqual(Points(Plan(SamplingScheme.StratifiedRandom, false, seed: 11), 10), Points(Plan(SamplingScheme.StratifiedRandom, false, seed: 12), 10));
    }

    [Fact]
    public void Time_based_strata_use_delta_t()
    {
        var plan = Plan(SamplingScheme.StratifiedRandom, false, basis: StratumBasis.Time);
        var points = Points(plan, 5);
        for (var k = 0; k < points.Length; k++)
        {
            Assert.InRange(points[k], k * 1800.0, (k + 1) * 1800.0);
        }
    }
}
