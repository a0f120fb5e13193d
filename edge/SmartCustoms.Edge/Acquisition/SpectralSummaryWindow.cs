namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// Accumulates per-spectrum results into a summary per reporting window, so that a healthy lane publishes a
/// steady, small stream of spectral events (and gaps or rejections are visible) without one event per spectrum.
/// Not thread-safe: one inference loop feeds it.
/// </summary>
internal sealed class SpectralSummaryWindow
{
    private readonly Dictionary<string, int> _byTopClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rejectionReasons = new(StringComparer.Ordinal);
    private DateTimeOffset? _start;
    private int _classified;
    private int _rejected;
    private int _contaminated;
    private int _unknown;
    private ulong _firstSequence;
    private ulong _lastSequence;
    private long _gaps;
    private bool _haveSequence;
    private bool _everSeen;

    public bool IsEmpty => _classified == 0 && _rejected == 0;

    public void Add(SpectrumVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        _start ??= verdict.HostTime;
        Track(verdict.Sequence);
        _classified++;
        _byTopClass[verdict.TopClass] = _byTopClass.GetValueOrDefault(verdict.TopClass) + 1;
        if (verdict.IsContaminant)
        {
            _contaminated++;
        }

        if (verdict.IsUnknown)
        {
            _unknown++;
        }
    }

    /// <summary>A spectrum that could not be classified (saturated, NaN, no valid calibration).</summary>
    public void AddRejected(ulong sequence, DateTimeOffset hostTime, string reasonCode, string reason)
    {
        _start ??= hostTime;
        Track(sequence);
        _rejected++;
        _rejectionReasons.TryAdd(reasonCode, reason);
    }

    /// <summary>Returns the window's summary and starts a new window.</summary>
    public SpectralSummary Close(DateTimeOffset now)
    {
        var summary = new SpectralSummary(
            _start ?? now,
            now,
            _classified,
            _rejected,
            _contaminated,
            _unknown,
            _firstSequence,
            _lastSequence,
            _gaps,
            new Dictionary<string, int>(_byTopClass, StringComparer.Ordinal),
            new Dictionary<string, string>(_rejectionReasons, StringComparer.Ordinal));
        _byTopClass.Clear();
        _rejectionReasons.Clear();
        _start = null;
        _classified = _rejected = _contaminated = _unknown = 0;
        _gaps = 0;
        _haveSequence = false;
        return summary;
    }

    private void Track(ulong sequence)
    {
        if (!_haveSequence)
        {
            _firstSequence = sequence;
            _haveSequence = true;
        }

        // Gaps are counted across window boundaries too: the instrument's sequence is continuous.
        if (_everSeen && sequence > _lastSequence + 1)
        {
            _gaps += (long)(sequence - _lastSequence - 1);
        }

        _everSeen = true;
        _lastSequence = sequence;
    }
}
