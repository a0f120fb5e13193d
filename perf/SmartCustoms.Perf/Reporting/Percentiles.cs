namespace SmartCustoms.Perf.Reporting;

/// <summary>Nearest-rank percentiles of a sample. Pure.</summary>
internal static class Percentiles
{
    public static double? Of(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
