using SmartCustoms.Edge.Core.Fusion;

namespace SmartCustoms.Edge.Core.Tests.Fusion;

public sealed class BinomialTailTests
{
    [Theory]
    [InlineData(8, 10, 0.5, 56 / 1024.0)]              // (C(10,8)+C(10,9)+C(10,10)) / 2^10
    [InlineData(10, 10, 0.5, 1 / 1024.0)]
    [InlineData(30, 1_000, 0.01, 2.0599888509719412e-07)]   // exact sum (Python math.comb)
    [InlineData(25, 1_000, 0.01, 4.202920844836707e-05)]
    public void Upper_tail_matches_exact_values(int k, int n, double p, double expected) =>
        Assert.Equal(expected, BinomialTail.AtLeast(k, n, p), expected * 1e-9);

    [Theory]
    [InlineData(0, 10, 0.1, 1)]
    [InlineData(11, 10, 0.1, 0)]
    [InlineData(1, 10, 0, 0)]
    [InlineData(5, 1_000, 0.01, 1)]                    // below the mean: never significant
    public void Edges_are_exact(int k, int n, double p, double expected) =>
        Assert.Equal(expected, BinomialTail.AtLeast(k, n, p));
}
