using System.Security.Cryptography;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Tests;

public sealed class SpectralClassifierTests : IDisposable
{
    private readonly SpectralClassifier _classifier = TestFiles.LoadClassifier();
    private readonly SpectrumFile _reference = SpectrumCsvReader.ReadFile(TestFiles.Data("reference-spectra.csv"));

    public void Dispose() => _classifier.Dispose();

    [Fact]
    public void Model_IdentityCarriesIdVersionAndTheFileHash()
    {
        var expectedSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestFiles.Model)));

        Assert.Equal("sc-spectral-cnn", _classifier.Model.Id);
        Assert.False(string.IsNullOrWhiteSpace(_classifier.Model.Version));
        Assert.Equal(expectedSha, _classifier.Model.Sha256);
        Assert.Equal(new ModelGrid(1050, 5, 161), _classifier.Grid);
    }

    [Fact]
    public void Classify_Batch_EqualsOneByOne()
    {
        var spectra = _reference.Spectra.ToArray();

        var batch = _classifier.Classify(spectra);
        var single = spectra.Select(_classifier.Classify).ToArray();

        // ONNX Runtime's matrix kernels block differently per batch size: equal to float rounding, not bitwise.
        for (var i = 0; i < spectra.Length; i++)
        {
            Assert.Equal(single[i].ClassName, batch[i].ClassName);
            AssertClose(single[i].Probabilities, batch[i].Probabilities);
            AssertClose(single[i].ContaminantScore, batch[i].ContaminantScore, 1e-5f);
            AssertClose(single[i].OodScore, batch[i].OodScore, 1e-3f);
        }
    }

    private static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var c = 0; c < expected.Count; c++)
        {
            AssertClose(expected[c], actual[c], 1e-5f);
        }
    }

    private static void AssertClose(float expected, float actual, float tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual} (tolerance {tolerance})");

    [Fact]
    public void Classify_DecisionFollowsTheThresholds()
    {
        foreach (var r in _classifier.Classify(_reference.Spectra.ToArray()))
        {
            Assert.Equal(r.ContaminantScore > _classifier.ContaminantThreshold, r.IsContaminant);
            Assert.Equal(r.OodScore > _classifier.OodThreshold, r.IsOutOfDistribution);
            Assert.Equal(1f, r.Probabilities.Sum(), 3);
            if (!r.IsOutOfDistribution)
            {
                var index = _classifier.ClassNames.ToList().IndexOf(r.ClassName);
                Assert.Equal(r.IsContaminant, _classifier.IsContaminantClass[index]);
            }
        }
    }

    [Fact]
    public void Classify_ContaminantThresholdOverride_ChangesTheDecisionOnly()
    {
        using var strict = TestFiles.LoadClassifier(new SpectralClassifierSettings { ContaminantThreshold = 0.999999f });
        var spectra = _reference.Spectra.ToArray();

        var normal = _classifier.Classify(spectra);
        var overridden = strict.Classify(spectra);

        Assert.Equal(0.999999f, strict.ContaminantThreshold);
        Assert.Equal(normal.Select(r => r.ContaminantScore), overridden.Select(r => r.ContaminantScore));
        Assert.Contains(normal, r => r.IsContaminant);
        Assert.True(overridden.Count(r => r.IsContaminant) < normal.Count(r => r.IsContaminant));
    }

    [Fact]
    public void Classify_IsolatedSaturatedPixel_GivesTheSameAnswerAsTheBridgedSpectrum()
    {
        var original = _reference.Spectra[0];
        var values = original.Reflectance.ToArray();
        var k = 100; // ~1392 nm, inside the model range
        var bridged = values.ToArray();
        bridged[k] = (float)((values[k - 1] + values[k + 1]) / 2.0); // evenly spaced grid: midpoint = linear bridge
        values[k] = float.NaN;

        var withNaN = _classifier.Classify(original with { Reflectance = values });
        var repaired = _classifier.Classify(original with { Reflectance = bridged });

        Assert.True(withNaN.IsValid, withNaN.Problem);
        AssertClose(repaired.Probabilities, withNaN.Probabilities);
    }

    [Fact]
    public void Classify_TooManyInvalidPixels_RefusesThatSpectrumOnly()
    {
        var broken = _reference.Spectra[1].Reflectance.ToArray();
        for (var k = 60; k < 70; k++)
        {
            broken[k] = float.NaN;
        }

        var spectra = new[] { _reference.Spectra[0], _reference.Spectra[1] with { Reflectance = broken }, _reference.Spectra[2] };
        var refusedBefore = _classifier.RefusedCount;

        var results = _classifier.Classify(spectra);

        Assert.True(results[0].IsValid);
        Assert.False(results[1].IsValid);
        Assert.Equal(SpectralClassification.InvalidClass, results[1].ClassName);
        Assert.Contains("adjacent invalid", results[1].Problem, StringComparison.Ordinal);
        Assert.True(results[2].IsValid);
        AssertClose(_classifier.Classify(_reference.Spectra[2]).Probabilities, results[2].Probabilities);
        Assert.Equal(refusedBefore + 1, _classifier.RefusedCount);
    }

    [Fact]
    public void Classify_NarrowGrid_IsRefusedNamingTheRanges()
    {
        double[] nm = [1100, 1500, 1900];
        var result = _classifier.Classify(new ReflectanceSpectrum("narrow", nm, new float[] { 0.1f, 0.2f, 0.3f }));

        Assert.False(result.IsValid);
        Assert.Contains("covers 1100-1900 nm; the model needs at least 1050-1850 nm", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_FlatBrightSpectrum_IsOutOfDistribution()
    {
        var nm = Enumerable.Range(0, 256).Select(i => 1000 + (i * 1000.0 / 255)).ToArray();
        var flat = Enumerable.Repeat(0.9f, 256).ToArray();

        var result = _classifier.Classify(new ReflectanceSpectrum("flat", nm, flat));

        Assert.True(result.IsOutOfDistribution, $"OOD score {result.OodScore}, threshold {_classifier.OodThreshold}");
        Assert.Equal(SpectralClassification.UnknownClass, result.ClassName);
    }

    [Fact]
    public void ClassifyModelGrid_LengthNotAMultipleOfTheGrid_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => _classifier.ClassifyModelGrid(new float[160], new float[9], new float[1], new float[1]));

        Assert.Contains("multiple of 161", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassifyModelGrid_MoreThanOneOrtBatch_MatchesSmallBatches()
    {
        using var small = TestFiles.LoadClassifier(new SpectralClassifierSettings { MaxBatchSize = 3 });
        var reference = ReferenceOutputs.Load();
        var input = reference.Spectra.SelectMany(s => s.ModelGridInput).ToArray();
        var n = reference.Spectra.Length;
        var (a, b) = (new float[n * 8 * 2], new float[n * 8 * 2]);

        _classifier.ClassifyModelGrid(input, a.AsSpan(0, n * _classifier.ClassNames.Count), new float[n], new float[n]);
        small.ClassifyModelGrid(input, b.AsSpan(0, n * small.ClassNames.Count), new float[n], new float[n]);

        for (var i = 0; i < a.Length; i++)
        {
            AssertClose(a[i], b[i], 1e-5f);
        }
    }
}
