using SmartCustoms.Edge.IntegrationTests.Infrastructure;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// How long each scenario runs (lane time, real time: the gateway is never run faster than real time). CI keeps
/// the suite short; <c>SC_SCENARIO_MINUTES=30</c> runs clean and contaminated for 30 minutes each for the README figures.
/// </summary>
public static class ScenarioDurations
{
    private static readonly int Minutes = TestSettings.WholeNumber("SC_SCENARIO_MINUTES", 0, 0);

    /// <summary>A run of 5 minutes or more, asked for with SC_SCENARIO_MINUTES to measure the figures: targets are held on the measured shares.</summary>
    public static bool IsLongRun => Minutes >= 5;

    public static double CleanSeconds => Minutes > 0 ? Minutes * 60 : 50;

    public static double ContaminatedSeconds => Minutes > 0 ? Minutes * 60 : 85;

    public static double MismatchSeconds => 20;
}
