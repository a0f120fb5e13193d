using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;

namespace SmartCustoms.Models.Tests;

/// <summary>Paths of the files the tests use: the shipped model (copied next to the test assembly) and TestData.</summary>
internal static class TestFiles
{
    public static string Model => new ModelOptions().ResolveSpectralModelPath();

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static SpectralClassifier LoadClassifier(SpectralClassifierSettings? settings = null) =>
        ModelRegistry.LoadSpectralClassifier(Model, settings);
}
