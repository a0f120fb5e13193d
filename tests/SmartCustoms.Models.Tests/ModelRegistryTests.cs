using SmartCustoms.Models.Loading;

namespace SmartCustoms.Models.Tests;

public sealed class ModelRegistryTests
{
    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-dir", "model.onnx");

        var ex = Assert.Throws<ModelLoadException>(() => ModelRegistry.LoadSpectralClassifier(path));

        Assert.Equal($"Model {path}: file not found.", ex.Message);
    }

    [Fact]
    public void Load_WrongInputShape_IsRefusedNamingFileAndShapes()
    {
        var path = TestFiles.Data("mismatched-input.onnx");

        var ex = Assert.Throws<ModelLoadException>(() => ModelRegistry.LoadSpectralClassifier(path));

        Assert.StartsWith($"Model {path}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input 'spectrum' has shape [-1, 100], expected [-1, 161]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAnOnnxFile_IsRefused()
    {
        var path = TestFiles.Data("not-a-model.onnx");

        var ex = Assert.Throws<ModelLoadException>(() => ModelRegistry.LoadSpectralClassifier(path));

        Assert.Contains("is not a loadable ONNX model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TheShippedModel_Succeeds()
    {
        using var classifier = ModelRegistry.LoadSpectralClassifier(TestFiles.Model);

        Assert.Equal(8, classifier.ClassNames.Count);
        Assert.InRange(classifier.ContaminantThreshold, 0f, 1f);
        Assert.True(classifier.OodThreshold > 0);
    }
}
