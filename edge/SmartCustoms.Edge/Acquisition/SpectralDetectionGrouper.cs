namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// Groups consecutive contaminated spectra into one detection per item. A run ends at the first clean
/// spectrum after it, at a gap in the sequence (spectra lost in between), or when it reaches
/// <see cref="MaxRunLength"/> (a long sheet of plastic still yields timely detections).
/// Not thread-safe: one inference loop feeds it.
/// </summary>
internal sealed class SpectralDetectionGrouper
{
    private readonly List<SpectrumVerdict> _run = [];

    public SpectralDetectionGrouper(int maxRunLength = 200, int minRunLength = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRunLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minRunLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minRunLength, maxRunLength);
        MaxRunLength = maxRunLength;
        MinRunLength = minRunLength;
    }

    public int MaxRunLength { get; }

    /// <summary>Runs shorter than this are treated as noise and produce no detection.</summary>
    public int MinRunLength { get; }

    /// <summary>Runs discarded for being shorter than <see cref="MinRunLength"/>.</summary>
    public long DiscardedShortRuns { get; private set; }

    /// <summary>Feeds one spectrum's verdict; returns the detections that it completes (zero, one, or two at a gap).</summary>
    public IReadOnlyList<SpectralDetection> Add(SpectrumVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        List<SpectralDetection>? completed = null;

        if (_run.Count > 0 && verdict.Sequence != _run[^1].Sequence + 1)
        {
            AddIfAny(ref completed, Close());
        }

        if (verdict.IsContaminant)
        {
            _run.Add(verdict);
            if (_run.Count >= MaxRunLength)
            {
                AddIfAny(ref completed, Close());
            }
        }
        else if (_run.Count > 0)
        {
            AddIfAny(ref completed, Close());
        }

        return completed ?? (IReadOnlyList<SpectralDetection>)[];
    }

    /// <summary>Closes the open run, e.g. when acquisition stops.</summary>
    public SpectralDetection? Flush() => _run.Count > 0 ? Close() : null;

    private static void AddIfAny(ref List<SpectralDetection>? list, SpectralDetection? detection)
    {
        if (detection is null)
        {
            return;
        }

        list ??= [];
        list.Add(detection);
    }

    private SpectralDetection? Close()
    {
        if (_run.Count < MinRunLength)
        {
            DiscardedShortRuns++;
            _run.Clear();
            return null;
        }

        var byClass = _run.GroupBy(v => v.ContaminantClass)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        // The material is the class most spectra of the run agree on; ties go to the higher peak.
        var material = byClass
            .OrderByDescending(kv => kv.Value)
            .ThenByDescending(kv => _run.Where(v => v.ContaminantClass == kv.Key).Max(v => v.ContaminantProbability))
            .First().Key;
        var detection = new SpectralDetection(
            material,
            _run.Max(v => v.ContaminantProbability),
            _run.Average(v => v.ContaminantProbability),
            _run.Count,
            _run[0].Sequence,
            _run[^1].Sequence,
            _run[0].DeviceTimeMicroseconds,
            _run[^1].DeviceTimeMicroseconds,
            _run[0].HostTime,
            byClass);
        _run.Clear();
        return detection;
    }
}
