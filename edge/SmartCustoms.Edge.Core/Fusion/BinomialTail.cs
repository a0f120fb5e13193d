namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>Upper tail of the binomial distribution, for "how likely is this many hits from clean ore alone". Pure; thread-safe.</summary>
internal static class BinomialTail
{
    /// <summary>P(X ≥ k) for X ~ Binomial(n, p). Exact summation in log space from k upwards (terms fall fast above the mean).</summary>
    public static double AtLeast(int k, int n, double p)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (k > n || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return 1;
        }

        if (k <= n * p)
        {
            // At or below the mean the tail is ≥ ~0.5: nothing unusual, no need to sum.
            return 1;
        }

        // log P(X = k) = log C(n, k) + k log p + (n − k) log(1 − p)
        var logTerm = (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        for (var j = 1; j <= k; j++)
        {
            logTerm += Math.Log((n - k + j) / (double)j);
        }

        var term = Math.Exp(logTerm);
        var sum = term;
        var ratio = p / (1 - p);
        for (var i = k; i < n && term > sum * 1e-15; i++)
        {
            term *= (n - i) / (double)(i + 1) * ratio;
            sum += term;
        }

        return Math.Min(1, sum);
    }
}
