using System.Buffers;
using System.Globalization;

namespace SmartCustoms.Models.Spectra;

/// <summary>
/// Linear interpolation from one instrument grid onto the model grid, with invalid pixels bridged or the
/// spectrum refused. The plan (indices and weights) is computed once per source grid, so the lane's
/// fixed instrument grid costs nothing per spectrum.
/// </summary>
/// <remarks>Immutable after construction: safe to share between threads.</remarks>
public sealed class SpectrumResampler
{
    // Wavelengths printed with 3 decimals; closer than this counts as equal when checking coverage.
    private const double CoverageToleranceNm = 1e-6;

    private readonly double[] _sourceNm;
    private readonly int[] _leftIndex;
    private readonly double[] _rightWeight;
    private readonly int _firstUsed;
    private readonly int _lastUsed;
    private readonly SpectrumQualityLimits _limits;

    /// <summary>Plans the interpolation from <paramref name="sourceWavelengthsNm"/> onto <paramref name="target"/>.</summary>
    /// <exception cref="SpectrumGridException">The source grid is not strictly ascending or does not cover the target grid.</exception>
    public SpectrumResampler(ReadOnlySpan<double> sourceWavelengthsNm, ModelGrid target, SpectrumQualityLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        _limits = limits ?? SpectrumQualityLimits.Default;
        if (sourceWavelengthsNm.Length < 2)
        {
            throw new SpectrumGridException($"A spectrum needs at least 2 wavelengths, got {sourceWavelengthsNm.Length}.");
        }

        for (var i = 0; i < sourceWavelengthsNm.Length; i++)
        {
            if (!double.IsFinite(sourceWavelengthsNm[i]))
            {
                throw new SpectrumGridException($"Wavelength {i + 1} is not a finite number.");
            }

            if (i > 0 && sourceWavelengthsNm[i] <= sourceWavelengthsNm[i - 1])
            {
                throw new SpectrumGridException(Invariant(
                    $"Wavelengths must be strictly ascending: {sourceWavelengthsNm[i]} nm follows {sourceWavelengthsNm[i - 1]} nm."));
            }
        }

        var first = sourceWavelengthsNm[0];
        var last = sourceWavelengthsNm[^1];
        if (first > target.StartNm + CoverageToleranceNm || last < target.EndNm - CoverageToleranceNm)
        {
            throw new SpectrumGridException(Invariant(
                $"The spectrum covers {first:0.###}-{last:0.###} nm; the model needs at least {target.StartNm:0.###}-{target.EndNm:0.###} nm."));
        }

        _sourceNm = sourceWavelengthsNm.ToArray();
        _leftIndex = new int[target.Count];
        _rightWeight = new double[target.Count];
        var j = 0;
        for (var k = 0; k < target.Count; k++)
        {
            var nm = Math.Clamp(target.WavelengthNm(k), first, last);
            while (j < _sourceNm.Length - 2 && _sourceNm[j + 1] < nm)
            {
                j++;
            }

            var t = Math.Clamp((nm - _sourceNm[j]) / (_sourceNm[j + 1] - _sourceNm[j]), 0.0, 1.0);

            // A grid point on a source pixel uses that pixel alone, so an invalid neighbour with weight 0
            // neither poisons the value (NaN * 0 = NaN) nor counts against the spectrum.
            _leftIndex[k] = t >= 1.0 ? j + 1 : j;
            _rightWeight[k] = t >= 1.0 ? 0.0 : t;
        }

        _firstUsed = _leftIndex[0];
        _lastUsed = _rightWeight[^1] > 0 ? _leftIndex[^1] + 1 : _leftIndex[^1];
    }

    /// <summary>The grid this resampler produces.</summary>
    public ModelGrid Target { get; }

    /// <summary>Number of pixels the source spectrum must have.</summary>
    public int SourceLength => _sourceNm.Length;

    /// <summary>True when <paramref name="wavelengthsNm"/> is exactly the grid this resampler was planned for.</summary>
    public bool IsPlannedFor(ReadOnlySpan<double> wavelengthsNm) => wavelengthsNm.SequenceEqual(_sourceNm);

    /// <summary>
    /// Resamples <paramref name="source"/> into <paramref name="destination"/> (length = target count).
    /// Isolated invalid pixels are bridged by interpolation in wavelength; too many give false and a reason.
    /// </summary>
    public bool TryResample(ReadOnlySpan<float> source, Span<float> destination, out string? problem)
    {
        if (source.Length != _sourceNm.Length)
        {
            problem = $"The spectrum has {source.Length} values but its grid has {_sourceNm.Length} wavelengths.";
            return false;
        }

        if (destination.Length < Target.Count)
        {
            throw new ArgumentException($"Destination needs {Target.Count} values, has {destination.Length}.", nameof(destination));
        }

        var invalid = 0;
        var run = 0;
        var longestRun = 0;
        var longestRunEnd = 0;
        for (var i = _firstUsed; i <= _lastUsed; i++)
        {
            if (float.IsFinite(source[i]))
            {
                run = 0;
                continue;
            }

            invalid++;
            run++;
            if (run > longestRun)
            {
                longestRun = run;
                longestRunEnd = i;
            }
        }

        if (invalid == 0)
        {
            Interpolate(source, destination);
            problem = null;
            return true;
        }

        var used = _lastUsed - _firstUsed + 1;
        if (longestRun > _limits.MaxInvalidRun)
        {
            problem = Invariant(
                $"{longestRun} adjacent invalid (NaN/saturated) pixels at {_sourceNm[longestRunEnd - longestRun + 1]:0.#}-{_sourceNm[longestRunEnd]:0.#} nm; at most {_limits.MaxInvalidRun} are bridged.");
            return false;
        }

        if (invalid > _limits.MaxInvalidFraction * used)
        {
            problem = Invariant(
                $"{invalid} of {used} pixels between {_sourceNm[_firstUsed]:0.#} and {_sourceNm[_lastUsed]:0.#} nm are invalid (NaN/saturated); at most {_limits.MaxInvalidFraction:P0} allowed.");
            return false;
        }

        var repaired = ArrayPool<float>.Shared.Rent(source.Length);
        try
        {
            var work = repaired.AsSpan(0, source.Length);
            source.CopyTo(work);
            for (var i = _firstUsed; i <= _lastUsed; i++)
            {
                if (float.IsFinite(source[i]))
                {
                    continue;
                }

                if (!TryBridge(source, i, out work[i]))
                {
                    problem = "No valid pixel near the invalid ones; the spectrum cannot be repaired.";
                    return false;
                }
            }

            Interpolate(work, destination);
            problem = null;
            return true;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(repaired);
        }
    }

    private bool TryBridge(ReadOnlySpan<float> source, int index, out float value)
    {
        var left = index - 1;
        while (left >= 0 && !float.IsFinite(source[left]))
        {
            left--;
        }

        var right = index + 1;
        while (right < source.Length && !float.IsFinite(source[right]))
        {
            right++;
        }

        if (left >= 0 && right < source.Length)
        {
            var t = (_sourceNm[index] - _sourceNm[left]) / (_sourceNm[right] - _sourceNm[left]);
            value = (float)(source[left] + (t * (source[right] - source[left])));
            return true;
        }

        // At the end of the instrument's range only one neighbour exists: hold its value.
        if (left >= 0 || right < source.Length)
        {
            value = source[left >= 0 ? left : right];
            return true;
        }

        value = float.NaN;
        return false;
    }

    private void Interpolate(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (var k = 0; k < _leftIndex.Length; k++)
        {
            var j = _leftIndex[k];
            var t = _rightWeight[k];
            destination[k] = t == 0.0 ? source[j] : (float)(((1.0 - t) * source[j]) + (t * source[j + 1]));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
