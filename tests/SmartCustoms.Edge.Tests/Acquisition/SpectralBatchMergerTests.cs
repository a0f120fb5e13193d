using System.Globalization;
using SmartCustoms.Edge.Acquisition;
using SmartCustoms.Models;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Loading;
using DriverSpectrum = SmartCustoms.Drivers.Abstractions.Spectrometer.ReflectanceSpectrum;
using ModelSpectrum = SmartCustoms.Models.Spectra.ReflectanceSpectrum;

namespace SmartCustoms.Edge.Tests.Acquisition;

/// <summary>
/// Joining waiting NIR bursts into one model call (inference behind) must not change a single output bit; only
/// full, clean bursts of one calibration are joined. Uses the shipped spectral model.
/// </summary>
public sealed class SpectralBatchMergerTests : IDisposable
{
    private static readonly float[] Axis = [.. Enumerable.Range(0, 256).Select(i => (float)(1000 + (i * 1000.0 / 255)))];
    private readonly SpectralClassifier _classifier = ModelRegistry.LoadSpectralClassifier(new ModelOptions().ResolveSpectralModelPath());

    public void Dispose() => _classifier.Dispose();

    [Theory]
    [InlineData(20, 0)]
    [InlineData(50, 50)]
    [InlineData(200, 100)]
    public void Joining_is_off_when_the_limit_is_not_above_one_burst(int burstSize, int maxJoined)
    {
        Assert.Equal(1, new SpectralBatchMerger(_classifier, burstSize, maxJoined).MaxBursts);
    }

    [Fact]
    public void Joining_is_on_exactly_when_joined_bursts_classify_bit_identically_to_bursts_alone()
    {
        // Whether ONNX Runtime's kernels give the same bits for a batch of 100 as for 5 batches of 20 depends on the
        // CPU (on the build box they do; batches of 50 do not): the merger must find out itself and agree with this
        // comparison on other spectra than its own probe.
        var random = new Random(7);
        var spectra = Enumerable.Range(0, 100).Select(i => Spectrum((ulong)i, random)).ToArray();
        ModelSpectrum[] Inputs(IEnumerable<DriverSpectrum> s) =>
            [.. s.Select(x => new ModelSpectrum(x.Sequence.ToString(CultureInfo.InvariantCulture), Array.ConvertAll(x.WavelengthsNm, w => (double)w), x.Reflectance))];

        var alone = Enumerable.Range(0, 5).SelectMany(b => _classifier.Classify(Inputs(spectra.Skip(b * 20).Take(20)))).ToArray();
        var joined = _classifier.Classify(Inputs(spectra));

        Assert.Equal(alone.Length, joined.Length);
        var identical = true;
        for (var i = 0; i < alone.Length; i++)
        {
            identical &= alone[i].ClassName == joined[i].ClassName
                && Bits([.. alone[i].Probabilities, alone[i].ContaminantScore, alone[i].OodScore]).SequenceEqual(Bits([.. joined[i].Probabilities, joined[i].ContaminantScore, joined[i].OodScore]));
        }

        Assert.Equal(identical ? 5 : 1, new SpectralBatchMerger(_classifier, 20, 100).MaxBursts);
    }

    [Fact]
    public void Only_full_clean_bursts_of_one_calibration_are_joined()
    {
        var merger = new SpectralBatchMerger(_classifier, 20, 100);
        var random = new Random(3);
        ReflectanceBatch Burst(string calibration, int count = 20, bool invalidPixel = false) => new(
            [.. Enumerable.Range(0, count).Select(i => Spectrum((ulong)i, random, invalidPixel && i == 5))], calibration);

        // Joining is on where the CPU gives identical bits (see above; it does on the build box).
        Assert.Equal(merger.MaxBursts > 1, merger.CanJoin(Burst("cal-1"), Burst("cal-1")));
        Assert.False(merger.CanJoin(Burst("cal-1"), Burst("cal-2")));
        Assert.False(merger.CanJoin(Burst("cal-1"), Burst("cal-1", count: 19)));
        Assert.False(merger.CanJoin(Burst("cal-1"), Burst("cal-1", invalidPixel: true)));
        Assert.False(merger.CanJoin(Burst("cal-1", invalidPixel: true), Burst("cal-1")));
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);

    private static DriverSpectrum Spectrum(ulong sequence, Random random, bool invalidPixel = false)
    {
        var level = 0.08 + (0.3 * random.NextDouble());
        var reflectance = new float[Axis.Length];
        for (var p = 0; p < reflectance.Length; p++)
        {
            reflectance[p] = (float)(level + (0.04 * Math.Sin((p / 25.0) + (double)sequence)) + (0.005 * random.NextDouble()));
        }

        if (invalidPixel)
        {
            reflectance[100] = float.NaN;
        }

        return new DriverSpectrum(sequence, (long)sequence * 2000, DateTimeOffset.UnixEpoch, (long)sequence, -10f, Axis, reflectance,
            SaturatedPixels: invalidPixel ? 1 : 0, NonFinitePixels: 0, CalibrationId: "cal-1");
    }
}
