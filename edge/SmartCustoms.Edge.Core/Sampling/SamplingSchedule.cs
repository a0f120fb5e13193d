using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>
/// The points (in tonnes or seconds since lot start) where a plan takes increments: systematic plans every Δ
/// from a (random or fixed) start in the first interval, stratified random one point at a uniformly random
/// place inside each stratum [kΔ, (k+1)Δ). The plan keeps going past n₁ if the lot turns out heavier than
/// declared. Deterministic for a given seed. Not thread-safe.
/// </summary>
public sealed class SamplingSchedule
{
    private readonly SamplingPlan _plan;
    private readonly Random _random;
    private readonly double _start;
    private int _k;

    public SamplingSchedule(SamplingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        // A seeded System.Random is reproducible for a given seed on a given runtime (the seed is published).
#pragma warning disable CA5394 // not security relevant: a sampling position, recorded with its seed
        _random = new Random(plan.Seed);
        _start = plan.RandomStart ? _random.NextDouble() * plan.Interval : plan.Interval;
#pragma warning restore CA5394
    }

    /// <summary>The next point, in the plan's basis. Each call moves on by one.</summary>
    public double Next()
    {
        var k = _k++;
        var delta = _plan.Interval;
        if (_plan.Scheme == SamplingScheme.StratifiedRandom)
        {
#pragma warning disable CA5394
            return (k + _random.NextDouble()) * delta;
#pragma warning restore CA5394
        }

        return _start + (k * delta);
    }
}
