namespace SmartCustoms.Models.Tests;

public sealed class ModelOptionsValidatorTests
{
    private static readonly string ExistingFile = typeof(ModelOptionsValidatorTests).Assembly.Location;

    [Fact]
    public void Validate_Defaults_WithAnExistingFile_Succeed()
    {
        var result = new ModelOptionsValidator().Validate(null, new ModelOptions { SpectralModelPath = ExistingFile });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingModelFile_NamesKeyAndPath()
    {
        var result = new ModelOptionsValidator().Validate(null, new ModelOptions { SpectralModelPath = "/nowhere/model.onnx" });

        Assert.Contains("Models:SpectralModelPath: no model file at /nowhere/model.onnx", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ContaminantThreshold", "Models:ContaminantThreshold must be between 0 and 1 (exclusive), got 1.5")]
    [InlineData("OodThreshold", "Models:OodThreshold must be a positive number, got -1")]
    [InlineData("IntraOpThreads", "Models:IntraOpThreads must be 1-64, got 0")]
    [InlineData("MaxInvalidPixelRun", "Models:MaxInvalidPixelRun must be 0-16, got -1")]
    [InlineData("MaxInvalidPixelFraction", "Models:MaxInvalidPixelFraction must be 0-0.5, got 0.9")]
    public void Validate_BadValue_NamesTheKey(string key, string expected)
    {
        var options = new ModelOptions { SpectralModelPath = ExistingFile };
        switch (key)
        {
            case "ContaminantThreshold": options.ContaminantThreshold = 1.5; break;
            case "OodThreshold": options.OodThreshold = -1; break;
            case "IntraOpThreads": options.IntraOpThreads = 0; break;
            case "MaxInvalidPixelRun": options.MaxInvalidPixelRun = -1; break;
            default: options.MaxInvalidPixelFraction = 0.9; break;
        }

        var result = new ModelOptionsValidator().Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveSpectralModelPath_Relative_IsUnderTheAppDirectory()
    {
        var path = new ModelOptions().ResolveSpectralModelPath();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "onnx", "spectral-classifier.onnx"), path);
    }
}
