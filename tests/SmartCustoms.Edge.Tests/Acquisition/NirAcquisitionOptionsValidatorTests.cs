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
    public void MaxJoinedSpectra_is_0_to_10000(int value, bool valid)
    {
        var result = new NirAcquisitionOptionsValidator().Validate(null, new NirAcquisitionOptions { MaxJoinedSpectra = value });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains($"Acquisition:Nir:MaxJoinedSpectra must be between 0 and 10000, got {value}", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
