using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Models.Classification;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// Joins NIR bursts that are already waiting in the pipeline into one model call when inference is behind, so a
/// backlog is classified in batches of up to <c>Acquisition:Nir:MaxJoinedSpectra</c> spectra instead of one burst at a time (each
/// ONNX Runtime call has a fixed cost: waking its intra-op threads, which on a busy 2-core box can take as long as
/// the arithmetic of 20 spectra). Nothing waits to be joined: at the contract's load the pipeline is empty when
/// inference looks, and every burst goes alone as before.
/// </summary>
/// <remarks>
/// Results must not depend on whether a burst was joined. The model's kernels choose their code path by the
/// batch's shape (e.g. rows in groups of 4), not by the values, so the constructor classifies a probe both ways,
/// as k separate bursts and as one batch of k bursts for every k it may join, and turns joining off unless every
/// output is bit-identical on this CPU. Only full bursts without invalid pixels are joined: a refused spectrum
/// would shift the rows of the ones after it. Immutable after construction; thread-safe.
/// </remarks>
internal sealed class SpectralBatchMerger
{
    private readonly int _burstSize;

    /// <param name="classifier">The spectral model (probed once here).</param>
    /// <param name="burstSize">Spectra per NIR burst.</param>
    /// <param name="maxJoinedSpectra">Largest joined batch; not above <paramref name="burstSize"/> = off.</param>
    public SpectralBatchMerger(SpectralClassifier classifier, int burstSize, int maxJoinedSpectra)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentOutOfRangeException.ThrowIfLessThan(burstSize, 1);
        _burstSize = burstSize;
        var most = Math.Max(1, maxJoinedSpectra / burstSize);
        MaxBursts = most > 1 && JoiningIsBitIdentical(classifier, burstSize, most) ? most : 1;
    }

    /// <summary>Most bursts classified in one call (1 = joining is off).</summary>
    public int MaxBursts { get; }

    /// <summary>Whether <paramref name="next"/> may be classified with <paramref name="first"/> in one call.</summary>
    public bool CanJoin(ReflectanceBatch first, ReflectanceBatch next) =>
        MaxBursts > 1 && IsPlain(first) && IsPlain(next) && string.Equals(first.CalibrationId, next.CalibrationId, StringComparison.Ordinal);

    private bool IsPlain(ReflectanceBatch batch)
    {
        if (batch.Spectra.Count != _burstSize)
        {
            return false;
        }

        foreach (var spectrum in batch.Spectra)
        {
            if (spectrum.InvalidPixels != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool JoiningIsBitIdentical(SpectralClassifier classifier, int burstSize, int maxBursts)
    {
        var width = classifier.Grid.Count;
        var classes = classifier.ClassNames.Count;
        var rows = burstSize * maxBursts;
        var random = new Random(20261127);
        var probe = new float[rows * width];
        for (var i = 0; i < probe.Length; i++)
        {
            probe[i] = (float)(0.05 + (0.5 * random.NextDouble()));
        }

        var alone = Classify(classifier, probe, rows, burstSize, classes);
        for (var k = 2; k <= maxBursts; k++)
        {
            // Calls of k bursts cover the probe's first whole multiples of k bursts (at least one call).
            var joined = Classify(classifier, probe, rows, burstSize * k, classes);
            if (!SameBits(alone, joined, rows - (rows % (burstSize * k)), classes))
            {
                return false;
            }
        }

        return true;
    }

    // Outputs of the probe classified in calls of `batch` rows: per row, the class probabilities then the two scores.
    private static float[] Classify(SpectralClassifier classifier, float[] probe, int rows, int batch, int classes)
    {
        var width = classifier.Grid.Count;
        var outputs = new float[rows * (classes + 2)];
        var probabilities = new float[batch * classes];
        var contaminant = new float[batch];
        var ood = new float[batch];
        for (var start = 0; start + batch <= rows; start += batch)
        {
            classifier.ClassifyModelGrid(probe.AsSpan(start * width, batch * width), probabilities, contaminant, ood);
            for (var r = 0; r < batch; r++)
            {
                var o = (start + r) * (classes + 2);
                probabilities.AsSpan(r * classes, classes).CopyTo(outputs.AsSpan(o, classes));
                outputs[o + classes] = contaminant[r];
                outputs[o + classes + 1] = ood[r];
            }
        }

        return outputs;
    }

    // Rows [0, covered) were classified both ways; compare their bits.
    private static bool SameBits(float[] a, float[] b, int covered, int classes)
    {
        var n = covered * (classes + 2);
        for (var i = 0; i < n; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
