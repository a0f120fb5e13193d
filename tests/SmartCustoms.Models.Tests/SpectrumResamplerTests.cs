using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Tests;

public sealed class SpectrumResamplerTests
{
    private static readonly ModelGrid SmallGrid = new(1050, 25, 3); // 1050, 1075, 1100

    [Fact]
    public void Resample_HandComputedPoints_InterpolatesLinearly()
    {
        // 1050 is halfway 1000->1100 (0 -> 1): 0.5; 1075: 0.75; 1100 is a source pixel: 1.
        var resampler = new SpectrumResampler([1000, 1100, 1900], SmallGrid);
        var output = new float[3];

        Assert.True(resampler.TryResample([0f, 1f, 0.2f], output, out var problem));

        Assert.Null(problem);
        Assert.Equal([0.5f, 0.75f, 1f], output);
    }

    [Fact]
    public void Resample_UnevenGrid_UsesTheBracketingPixels()
    {
        // 1075 lies between 1060 (0.2) and 1090 (0.8): 0.2 + 0.5 * 0.6 = 0.5.
        var resampler = new SpectrumResampler([1040, 1060, 1090, 1100], SmallGrid);
        var output = new float[3];

        Assert.True(resampler.TryResample([0.1f, 0.2f, 0.8f, 0.4f], output, out _));

        Assert.Equal(0.15f, output[0], 6);
        Assert.Equal(0.5f, output[1], 6);
        Assert.Equal(0.4f, output[2], 6);
    }

    [Fact]
    public void Resample_SameGridAsModel_ReturnsTheInput()
    {
        var grid = new ModelGrid(1050, 5, 161);
        var nm = Enumerable.Range(0, 161).Select(i => 1050 + (5.0 * i)).ToArray();
        var values = Enumerable.Range(0, 161).Select(i => (float)Math.Sin(i / 7.0)).ToArray();
        var output = new float[161];

        Assert.True(new SpectrumResampler(nm, grid).TryResample(values, output, out _));

        Assert.Equal(values, output);
    }

    [Theory]
    [InlineData(1060, 1900, "1060-1900 nm")]
    [InlineData(1000, 1090, "1000-1090 nm")]
    public void Constructor_NarrowerGrid_IsRefusedNamingTheRanges(double first, double last, string expected)
    {
        var ex = Assert.Throws<SpectrumGridException>(() => new SpectrumResampler([first, 1075, last], SmallGrid));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("1050-1100 nm", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DescendingGrid_IsRefused()
    {
        var ex = Assert.Throws<SpectrumGridException>(() => new SpectrumResampler([1000, 1080, 1070, 1200], SmallGrid));

        Assert.Contains("strictly ascending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resample_IsolatedNaN_IsBridgedInWavelength()
    {
        // Linear source with the 1074 nm pixel saturated: bridging keeps the line exact.
        var nm = Enumerable.Range(0, 40).Select(i => 1040 + (2.0 * i)).ToArray();
        var values = nm.Select(w => (float)(0.001 * (w - 1000))).ToArray();
        values[17] = float.NaN;
        var output = new float[3];

        Assert.True(new SpectrumResampler(nm, SmallGrid).TryResample(values, output, out var problem));

        Assert.Null(problem);
        Assert.Equal(0.05f, output[0], 6);
        Assert.Equal(0.075f, output[1], 6);
        Assert.Equal(0.1f, output[2], 6);
    }

    [Fact]
    public void Resample_ThreeAdjacentInvalidPixels_IsRefusedNamingTheRange()
    {
        var nm = Enumerable.Range(0, 40).Select(i => 1040 + (2.0 * i)).ToArray();
        var values = Enumerable.Repeat(0.1f, 40).ToArray();
        values[10] = values[11] = float.NaN;
        values[12] = float.PositiveInfinity;
        var output = new float[3];

        Assert.False(new SpectrumResampler(nm, SmallGrid).TryResample(values, output, out var problem));

        Assert.Contains("3 adjacent invalid", problem, StringComparison.Ordinal);
        Assert.Contains("1060-1064 nm", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resample_TooManyScatteredInvalidPixels_IsRefused()
    {
        var nm = Enumerable.Range(0, 40).Select(i => 1040 + (2.0 * i)).ToArray();
        var values = Enumerable.Repeat(0.1f, 40).ToArray();
        foreach (var i in new[] { 8, 12, 16, 20 })
        {
            values[i] = float.NaN;
        }

        var output = new float[3];

        Assert.False(new SpectrumResampler(nm, SmallGrid).TryResample(values, output, out var problem));

        Assert.Contains("4 of 26 pixels", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resample_InvalidPixelsOutsideTheModelRange_AreIgnored()
    {
        double[] nm = [1000, 1010, 1050, 1100, 1500, 1600];
        float[] values = [float.NaN, float.NaN, 0.2f, 0.4f, float.NaN, float.NaN];
        var output = new float[3];

        Assert.True(new SpectrumResampler(nm, SmallGrid).TryResample(values, output, out _));

        Assert.Equal([0.2f, 0.3f, 0.4f], output);
    }

    [Fact]
    public void Resample_WrongNumberOfValues_IsRefused()
    {
        var output = new float[3];

        Assert.False(new SpectrumResampler([1000, 1100, 1900], SmallGrid).TryResample([0.1f, 0.2f], output, out var problem));

        Assert.Contains("2 values", problem, StringComparison.Ordinal);
    }
}
