namespace SmartCustoms.Simulators;

/// <summary>
/// Seed mixing and the few distributions the simulators need. Every random stream in the
/// simulators is a <see cref="Random"/> built from a seed mixed here, so a run is reproducible
/// from its seed alone (no shared or global generator).
/// </summary>
public static class SimRandom
{
    /// <summary>Derives an independent seed from a run seed, a stream salt and an index (SplitMix64).</summary>
    public static int Mix(int seed, int salt, long index)
    {
        unchecked
        {
            ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
            z ^= (ulong)(uint)salt * 0xC2B2AE3D27D4EB4FUL;
            z += (ulong)index * 0x165667B19E3779F9UL + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    public static Random Create(int seed, int salt, long index) => new(Mix(seed, salt, index));

    public static double Uniform(this Random random, double min, double max) => min + ((max - min) * random.NextDouble());

    /// <summary>Standard normal draw (Box–Muller).</summary>
    public static double Gaussian(this Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Gaussian(this Random random, double mean, double sd) => mean + (sd * random.Gaussian());

    /// <summary>Poisson draw; Knuth for small means, normal approximation above 50.</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 50)
        {
            return Math.Max(0, (int)Math.Round(random.Gaussian(mean, Math.Sqrt(mean))));
        }

        double limit = Math.Exp(-mean);
        double product = random.NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public static int PickWeighted(this Random random, IReadOnlyList<double> weights)
    {
        double total = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        double x = random.NextDouble() * total;
        for (int i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }
}
