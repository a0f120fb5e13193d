using System.Text.Json;
using SmartCustoms.Models.Commands;

namespace SmartCustoms.Models.Tests;

public sealed class SpectrumClassificationCommandTests : IDisposable
{
    private readonly string _tempDir = Directory.CreateTempSubdirectory("sc-models-tests-").FullName;

    public void Dispose() => Directory.Delete(_tempDir, recursive: true);

    private static (int ExitCode, string Output, string Error) Run(string path, bool json, ModelOptions? options = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = SpectrumClassificationCommand.Run(options ?? new ModelOptions(), path, json, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_ValidFile_PrintsEverySpectrumWithTheModelIdentity()
    {
        var (exitCode, output, error) = Run(TestFiles.Data("reference-spectra.csv"), json: false);

        Assert.Equal(SpectrumClassificationCommand.Ok, exitCode);
        Assert.Equal(string.Empty, error);
        using var classifier = TestFiles.LoadClassifier();
        Assert.Contains($"model: sc-spectral-cnn {classifier.Model.Version} sha256 {classifier.Model.Sha256}", output, StringComparison.Ordinal);
        var rows = output.Split('\n').Count(l => l.StartsWith('s') && char.IsDigit(l[1]));
        Assert.Equal(ReferenceOutputs.Load().Spectra.Length, rows);
    }

    [Fact]
    public void Run_Json_GivesOneResultPerSpectrumWithProbabilitiesPerClass()
    {
        var (exitCode, output, _) = Run(TestFiles.Data("reference-spectra.csv"), json: true);

        Assert.Equal(SpectrumClassificationCommand.Ok, exitCode);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(64, root.GetProperty("model").GetProperty("sha256").GetString()!.Length);
        var results = root.GetProperty("results");
        Assert.Equal(ReferenceOutputs.Load().Spectra.Length, results.GetArrayLength());
        var first = results[0];
        Assert.Equal("s1", first.GetProperty("spectrum").GetString());
        Assert.Equal(8, first.GetProperty("probabilities").EnumerateObject().Count());
        Assert.True(first.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Run_RaggedFile_ExitsWith2AndOneLineNamingFileAndLine()
    {
        var path = TestFiles.Data("ragged.csv");

        var (exitCode, output, error) = Run(path, json: false);

        Assert.Equal(SpectrumClassificationCommand.BadInput, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"error: {path} line 3: ragged row: 2 values, the header has 3 columns.{Environment.NewLine}", error);
    }

    [Fact]
    public void Run_MissingFile_ExitsWith2NamingThePath()
    {
        var path = Path.Combine(_tempDir, "nothing.csv");

        var (exitCode, _, error) = Run(path, json: false);

        Assert.Equal(SpectrumClassificationCommand.BadInput, exitCode);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OneSpectrumTooBroken_ClassifiesTheOthersAndExitsWith2()
    {
        var lines = File.ReadAllLines(TestFiles.Data("reference-spectra.csv"));
        for (var i = 80; i < 90; i++)
        {
            var cells = lines[i].Split(',');
            cells[2] = "NaN";
            lines[i] = string.Join(',', cells);
        }

        var path = Path.Combine(_tempDir, "saturated.csv");
        File.WriteAllLines(path, lines);

        var (exitCode, output, error) = Run(path, json: true);

        Assert.Equal(SpectrumClassificationCommand.BadInput, exitCode);
        Assert.StartsWith($"error: {path} spectrum 's2': 10 adjacent invalid", error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        Assert.True(results[0].GetProperty("valid").GetBoolean());
        Assert.False(results[1].GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Run_MissingModel_ExitsWith1NamingTheModelPath()
    {
        var model = Path.Combine(_tempDir, "absent.onnx");

        var (exitCode, _, error) = Run(TestFiles.Data("reference-spectra.csv"), json: false, new ModelOptions { SpectralModelPath = model });

        Assert.Equal(SpectrumClassificationCommand.ModelProblem, exitCode);
        Assert.Equal($"error: Model {model}: file not found.{Environment.NewLine}", error);
    }
}
