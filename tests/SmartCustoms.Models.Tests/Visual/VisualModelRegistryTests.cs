using OpenCvSharp;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Models.Tests.Visual;

/// <summary>The registry refuses a detector file that does not match the code, and the detector refuses bad frames.</summary>
public sealed class VisualModelRegistryTests
{
    [Fact]
    public void AModelWithTheWrongNumberOfClasses_IsRefusedNamingTheOutput()
    {
        var ex = Assert.Throws<ModelLoadException>(() => ModelRegistry.LoadVisualDetector(TestFiles.Data("visual/mismatched-detector.onnx")));

        Assert.Contains("heatmap", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mismatched-detector.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSpectralModel_IsNotAcceptedAsTheDetector()
    {
        var ex = Assert.Throws<ModelLoadException>(() => ModelRegistry.LoadVisualDetector(TestFiles.Model));

        Assert.Contains("metadata", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotAModel_IsRefused()
    {
        var ex = Assert.Throws<ModelLoadException>(() => ModelRegistry.LoadVisualDetector(TestFiles.Data("not-a-model.onnx")));

        Assert.Contains("not a loadable ONNX model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFile_IsRefused()
    {
        var ex = Assert.Throws<ModelLoadException>(() => ModelRegistry.LoadVisualDetector(TestFiles.Data("visual/no-such-model.onnx")));

        Assert.Contains("file not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenJpegs_AreRefusedAndCounted()
    {
        using var detector = VisualDetectorParityTests.LoadShipped();
        var jpeg = File.ReadAllBytes(TestFiles.Data("visual/" + VisualReference.Load().Frames[0].Jpeg));

        Assert.Throws<FrameDecodeException>(() => detector.DetectJpeg("not a jpeg"u8));
        Assert.Throws<FrameDecodeException>(() => detector.DetectJpeg(jpeg.AsSpan(0, 400)));
        using var grey = new Mat(720, 1280, MatType.CV_8UC1, Scalar.All(0));
        Assert.Throws<FrameDecodeException>(() => detector.Detect(grey));

        Assert.Equal(3, detector.FramesRefused);
        Assert.Equal(0, detector.FramesDetected);
    }

    [Fact]
    public void ThresholdOverride_ReplacesTheModelsThreshold()
    {
        using var detector = ModelRegistry.LoadVisualDetector(new ModelOptions().ResolveVisualModelPath(), new VisualDetectorSettings { ScoreThreshold = 0.9f });

        Assert.Equal(0.9f, detector.Description.Decoding.ScoreThreshold);
    }
}
