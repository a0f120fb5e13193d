namespace SmartCustoms.Models.Tests.Visual;

public sealed class VisualOptionsValidatorTests
{
    private static readonly string ExistingFile = typeof(VisualOptionsValidatorTests).Assembly.Location;

    [Fact]
    public void EmptyVisualModelPath_TurnsVisualDetectionOff_AndIsValid()
    {
        var options = new ModelOptions { SpectralModelPath = ExistingFile, VisualModelPath = "" };

        var result = new ModelOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(options.VisualDetectionEnabled);
    }

    [Fact]
    public void MissingVisualModel_NamesKeyAndPath()
    {
        var result = new ModelOptionsValidator().Validate(null, new ModelOptions { SpectralModelPath = ExistingFile, VisualModelPath = "/nowhere/detector.onnx" });

        Assert.Contains("Models:VisualModelPath: no model file at /nowhere/detector.onnx", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VisualScoreThreshold", "Models:VisualScoreThreshold must be between 0 and 1 (exclusive), got 0")]
    [InlineData("VisualNmsIou", "Models:VisualNmsIou must be in (0, 1], got 1.5")]
    [InlineData("VisualIntraOpThreads", "Models:VisualIntraOpThreads must be 1-64, got 0")]
    [InlineData("VisualMaxFramesPerSecond", "Models:VisualMaxFramesPerSecond must be in (0, 100], got 0")]
    [InlineData("CameraFieldOfViewAcrossM", "Models:CameraFieldOfViewAcrossM must be 0.1-20 m, got -2")]
    public void BadValue_NamesTheKey(string key, string expected)
    {
        var options = new ModelOptions { SpectralModelPath = ExistingFile, VisualModelPath = ExistingFile };
        switch (key)
        {
            case "VisualScoreThreshold": options.VisualScoreThreshold = 0; break;
            case "VisualNmsIou": options.VisualNmsIou = 1.5; break;
            case "VisualIntraOpThreads": options.VisualIntraOpThreads = 0; break;
            case "VisualMaxFramesPerSecond": options.VisualMaxFramesPerSecond = 0; break;
            default: options.CameraFieldOfViewAcrossM = -2; break;
        }

        var result = new ModelOptionsValidator().Validate(null, options);

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }
}
