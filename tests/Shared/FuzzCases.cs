using System.Globalization;

namespace SmartCustoms.Tests.Shared;

/// <summary>
/// How many cases a fuzz test runs: its CI default (≥ 10,000, a few seconds), or the number in the environment
/// variable <c>SC_FUZZ_CASES</c> for longer runs (e.g. <c>SC_FUZZ_CASES=1000000 dotnet test --filter Fuzz</c>).
/// <c>SC_FUZZ_SEED</c> sets the first seed (default: the test's own), so a long run can explore new inputs and a
/// failure names the seed and case that reproduce it. Linked as source into each test project that fuzzes.
/// </summary>
internal static class FuzzCases
{
    public const string CasesVariable = "SC_FUZZ_CASES";
    public const string SeedVariable = "SC_FUZZ_SEED";

    /// <summary>The number of cases to run: <c>SC_FUZZ_CASES</c> when set to a positive number, else <paramref name="ciDefault"/>.</summary>
    public static int Count(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0
            ? cases
            : ciDefault;

    /// <summary>The seed to start from: <c>SC_FUZZ_SEED</c> when set, else <paramref name="testSeed"/>.</summary>
    public static int Seed(int testSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? unchecked(seed + testSeed)
            : testSeed;

    /// <summary>Whether the count came from the environment (then a test's time limit scales with it).</summary>
    public static bool IsLongRun => Environment.GetEnvironmentVariable(CasesVariable) is { Length: > 0 };
}
