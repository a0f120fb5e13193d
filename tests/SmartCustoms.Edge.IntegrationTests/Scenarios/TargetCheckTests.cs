namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>The statistics the scenario targets are held with (pure computation, no I/O).</summary>
public sealed class TargetCheckTests
{
    [Theory]
    [InlineData(3, 5, 0.95, 0.0226)]   // 1 − 5·0.95⁴·0.05 − 0.95⁵
    [InlineData(4, 5, 0.95, 0.2262)]
    [InlineData(5, 8, 0.90, 0.0381)]
    [InlineData(8, 10, 0.90, 0.2639)]
    [InlineData(10, 10, 0.90, 1.0)]
    public void The_binomial_tail_is_exact(int hits, int n, double p, double expected)
    {
        Assert.Equal(expected, TargetCheck.AtMost(hits, n, p), 4);
    }

    [Fact]
    public void A_short_run_fails_only_when_it_refutes_the_target()
    {
        Assert.NotNull(TargetCheck.Check("items", 3, 5, 0.95, longRun: false, out _));
        Assert.Null(TargetCheck.Check("items", 4, 5, 0.95, longRun: false, out var summary));
        Assert.Contains("4/5", summary, StringComparison.Ordinal);
        Assert.NotNull(TargetCheck.Check("cuts", 5, 8, 0.90, longRun: false, out _));
        Assert.Null(TargetCheck.Check("cuts", 6, 8, 0.90, longRun: false, out _));
    }

    [Fact]
    public void A_long_run_must_reach_the_target_with_its_measured_share()
    {
        Assert.NotNull(TargetCheck.Check("cuts", 15, 19, 0.90, longRun: true, out _));
        Assert.Null(TargetCheck.Check("cuts", 18, 19, 0.90, longRun: true, out _));
        Assert.NotNull(TargetCheck.Check("cuts", 0, 0, 0.90, longRun: true, out _));
    }
}
