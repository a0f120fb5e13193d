using System.Security.Cryptography;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Models.Tests.Visual;

/// <summary>
/// The C# path (JPEG decode, resize, ONNX Runtime, decoding) must give what the training code computed with
/// torch for the same camera JPEGs; the reference files are written by models/training/train_visual.py.
/// </summary>
public sealed class VisualDetectorParityTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void JpegPreprocessing_GivesTheBytesTheModelWasTrainedAndMeasuredOn()
    {
        var reference = VisualReference.Load();
        Assert.NotEmpty(reference.Frames);
        foreach (var frame in reference.Frames)
        {
            var input = VisualDetector.PreprocessJpeg(File.ReadAllBytes(TestFiles.Data("visual/" + frame.Jpeg)), 320, 180);

            Assert.Equal(frame.InputSha256, Convert.ToHexStringLower(SHA256.HashData(input)));
        }
    }

    [Fact]
    public void RawOutputs_MatchTorch()
    {
        var reference = VisualReference.Load();
        using var detector = LoadShipped();
        var heat = new float[detector.ClassNames.Count * detector.Description.GridWidth * detector.Description.GridHeight];
        var box = new float[4 * detector.Description.GridWidth * detector.Description.GridHeight];
        var perFrame = heat.Length + box.Length;
        Assert.Equal(reference.Frames.Length * perFrame, reference.Outputs.Length);
        for (var f = 0; f < reference.Frames.Length; f++)
        {
            var input = VisualDetector.PreprocessJpeg(File.ReadAllBytes(TestFiles.Data("visual/" + reference.Frames[f].Jpeg)), 320, 180);

            detector.RunRaw(input, heat, box);

            var expected = reference.Outputs.AsSpan(f * perFrame, perFrame);
            var worst = 0f;
            for (var i = 0; i < heat.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i] - heat[i]));
            }

            for (var i = 0; i < box.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[heat.Length + i] - box[i]));
            }

            Assert.True(worst <= Tolerance, $"{reference.Frames[f].Jpeg}: largest difference torch vs ONNX Runtime {worst}");
        }
    }

    [Fact]
    public void Detections_MatchTheTrainingCodesDecoding()
    {
        var reference = VisualReference.Load();
        using var detector = LoadShipped();
        Assert.Equal(reference.Threshold, detector.Description.Decoding.ScoreThreshold);
        foreach (var frame in reference.Frames)
        {
            var result = detector.DetectJpeg(File.ReadAllBytes(TestFiles.Data("visual/" + frame.Jpeg)), 1280, 720);

            Assert.Equal(frame.Detections.Length, result.Detections.Count);
            Assert.Equal(detector.Model, result.Model);
            for (var i = 0; i < frame.Detections.Length; i++)
            {
                var expected = frame.Detections[i];
                var actual = result.Detections[i];
                Assert.Equal(expected.Class, actual.ClassName);
                Assert.True(Math.Abs(expected.Score - actual.Score) <= Tolerance, $"{frame.Jpeg} #{i}: score {expected.Score} vs {actual.Score}");

                // The training code leaves boxes unclipped; the C# result is clipped to the 1280x720 frame.
                float[] clipped = [Math.Clamp(expected.Box[0], 0, 1280), Math.Clamp(expected.Box[1], 0, 720), Math.Clamp(expected.Box[2], 0, 1280), Math.Clamp(expected.Box[3], 0, 720)];
                float[] got = [actual.Box.X0, actual.Box.Y0, actual.Box.X1, actual.Box.Y1];
                for (var k = 0; k < 4; k++)
                {
                    Assert.True(Math.Abs(clipped[k] - got[k]) <= 0.05f, $"{frame.Jpeg} #{i} box[{k}]: {clipped[k]} vs {got[k]}");
                }

                Assert.Equal(actual.Box.Width * 205.0 / 1280, actual.WidthCm, 3);
            }
        }
    }

    [Fact]
    public void ModelIdentity_IsReportedWithEveryResult()
    {
        using var detector = LoadShipped();

        var result = detector.DetectModelInput(new byte[320 * 180 * 3], 1280, 720);

        Assert.Equal("sc-visual-centernet", result.Model.Id);
        Assert.False(string.IsNullOrWhiteSpace(result.Model.Version));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(result.Model.FilePath))), result.Model.Sha256);
    }

    internal static VisualDetector LoadShipped() => ModelRegistry.LoadVisualDetector(new ModelOptions().ResolveVisualModelPath());
}
