using SmartCustoms.Edge.Acquisition;

namespace SmartCustoms.Edge.Tests.Acquisition;

/// <summary>Start-up validation of <c>Acquisition:Nir</c>: defaults pass, a bad value is named by its key.</summary>
public class NirAcquisitionOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new NirAcquisitionOptionsValidator().Validate(null, new NirAcquisitionOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(-1, false)]
    [InlineData(10_001, false)]
    public void MaxJoinedSpectra_is_0_to_10000(int value, bool valid) =>
        AssertChecked(new NirAcquisitionOptions { MaxJoinedSpectra = value }, valid, $"Acquisition:Nir:MaxJoinedSpectra must be between 0 and 10000, got {value}");

    [Theory]
    [InlineData(1, true)]
    [InlineData(16, true)]
    [InlineData(0, false)]
    [InlineData(17, false)]
    public void InferenceParallelism_is_1_to_16(int value, bool valid) =>
        AssertChecked(new NirAcquisitionOptions { InferenceParallelism = value }, valid, $"Acquisition:Nir:InferenceParallelism must be between 1 and 16, got {value}");

    [Theory]
    [InlineData(0, true)]
    [InlineData(1000, true)]
    [InlineData(-1, false)]
    [InlineData(1001, false)]
    public void BurstWindow_is_0_to_1_second(int milliseconds, bool valid)
    {
        var window = TimeSpan.FromMilliseconds(milliseconds);
        AssertChecked(new NirAcquisitionOptions { BurstWindow = window }, valid, $"Acquisition:Nir:BurstWindow must be between 00:00:00 and 00:00:01, got {window}");
    }

    private static void AssertChecked(NirAcquisitionOptions options, bool valid, string message)
    {
        var result = new NirAcquisitionOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
