using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Tests;

/// <summary>
/// The C# path (CSV reader, resampler, ONNX Runtime) must give what the training code computed with torch
/// for the same raw spectra; the reference files are written by models/training/train_spectral.py.
/// </summary>
public sealed class SpectralClassifierParityTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void ModelGridInputs_GiveTheTorchOutputs()
    {
        var reference = ReferenceOutputs.Load();
        using var classifier = TestFiles.LoadClassifier();
        var n = reference.Spectra.Length;
        var classes = classifier.ClassNames.Count;
        var input = reference.Spectra.SelectMany(s => s.ModelGridInput).ToArray();
        var probabilities = new float[n * classes];
        var contaminant = new float[n];
        var ood = new float[n];

        classifier.ClassifyModelGrid(input, probabilities, contaminant, ood);

        Assert.Equal(reference.Classes, classifier.ClassNames);
        for (var i = 0; i < n; i++)
        {
            var expected = reference.Spectra[i];
            for (var c = 0; c < classes; c++)
            {
                Assert.True(Math.Abs(expected.Probabilities[c] - probabilities[(i * classes) + c]) <= Tolerance,
                    $"{expected.Name} {classifier.ClassNames[c]}: torch {expected.Probabilities[c]}, ONNX Runtime {probabilities[(i * classes) + c]}");
            }

            Assert.True(Math.Abs(expected.ContaminantScore - contaminant[i]) <= Tolerance, $"{expected.Name} contaminant score");
            // The OOD score is a distance of order 1-100: compare relatively.
            Assert.True(Math.Abs(expected.OodScore - ood[i]) <= Tolerance * Math.Max(1f, expected.OodScore), $"{expected.Name} OOD: torch {expected.OodScore}, ORT {ood[i]}");
        }
    }

    [Fact]
    public void RawSpectraFromTheContractCsv_AreResampledAndClassifiedLikeTraining()
    {
        var reference = ReferenceOutputs.Load();
        using var classifier = TestFiles.LoadClassifier();
        var file = SpectrumCsvReader.ReadFile(TestFiles.Data("reference-spectra.csv"), classifier.Grid);

        var results = classifier.Classify(file.Spectra.ToArray());

        Assert.Equal(reference.Spectra.Length, results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            var expected = reference.Spectra[i];
            var actual = results[i];
            Assert.True(actual.IsValid, actual.Problem);
            Assert.Equal(expected.Name, actual.SpectrumName);
            var maxDiff = expected.Probabilities.Zip(actual.Probabilities, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff <= Tolerance, $"{expected.Name}: max probability difference {maxDiff}");
            Assert.True(Math.Abs(expected.ContaminantScore - actual.ContaminantScore) <= Tolerance, $"{expected.Name} contaminant score");
        }
    }
}
