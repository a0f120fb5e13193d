using System.Globalization;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// Holds a measured share (hits of n) against a target share honestly for the count it has. A short CI run holds a
/// handful of items: it cannot show 95 %, but it can show that the target is missed (one-sided exact binomial test:
/// the chance of this few hits if the true share were the target is below <see cref="Alpha"/>). A long run
/// (<c>SC_SCENARIO_MINUTES</c>, <see cref="ScenarioDurations.IsLongRun"/>) is run for the figures: there the measured
/// share itself must reach the target. Pure computation; thread-safe.
/// </summary>
public static class TargetCheck
{
    /// <summary>Significance of the short-run test: a 1-in-20 chance of failing a lane that meets the target exactly.</summary>
    public const double Alpha = 0.05;

    /// <summary>The failure message, or null when the figures are consistent with the target; <paramref name="summary"/> says which test was applied.</summary>
    public static string? Check(string what, int hits, int n, double target, bool longRun, out string summary)
    {
        var share = n == 0 ? double.NaN : hits / (double)n;
        if (longRun)
        {
            summary = Invariant($"{what}: {hits}/{n} = {share:P1}, target {target:P0} asserted on the measured share (long run)");
            return share >= target ? null : Invariant($"{what}: {hits}/{n} = {share:P1} < {target:P0}");
        }

        var p = AtMost(hits, n, target);
        summary = Invariant($"{what}: {hits}/{n} = {share:P1}; a short run cannot show {target:P0}, asserted only not to refute it (P(X ≤ {hits} | n {n}, p {target:P0}) = {p:0.###}, fails below {Alpha})");
        return p >= Alpha ? null : Invariant($"{what}: {hits}/{n} = {share:P1} is significantly below the {target:P0} target (P = {p:0.####} < {Alpha})");
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p), exact.</summary>
    public static double AtMost(int k, int n, double p)
    {
        double sum = 0;
        for (var i = 0; i <= Math.Min(k, n); i++)
        {
            sum += Math.Exp(LogChoose(n, i) + (i * Math.Log(p)) + ((n - i) * Math.Log(1 - p)));
        }

        return Math.Min(1, sum);
    }

    private static double LogChoose(int n, int k)
    {
        double sum = 0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }

        return sum;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
