using SmartCustoms.Drivers.Abstractions.Spectrometer;

namespace SmartCustoms.Edge.Evidence;

/// <summary>
/// The last few hundred reflectance spectra, so a detection, alarm or segment verdict can keep the very spectra
/// it was based on as evidence (the pipeline itself keeps only verdicts). Thread-safe: one writer (the
/// inference worker), readers from the lane worker.
/// </summary>
internal sealed class RecentSpectra
{
    /// <summary>About 2 s of a 200 Hz line scan: longer than any detection and than a segment's judging delay at
    /// normal belt speed; older spectra are simply not in the evidence (the record says how many were found).</summary>
    public const int Capacity = 512;

    private readonly ReflectanceSpectrum?[] _ring = new ReflectanceSpectrum?[Capacity];
    private readonly Lock _lock = new();
    private long _written;

    public void Add(IReadOnlyList<ReflectanceSpectrum> spectra)
    {
        lock (_lock)
        {
            foreach (var spectrum in spectra)
            {
                _ring[_written++ % Capacity] = spectrum;
            }
        }
    }

    /// <summary>Kept spectra with <paramref name="first"/> ≤ sequence ≤ <paramref name="last"/>, oldest first, at most <paramref name="max"/>.</summary>
    public List<ReflectanceSpectrum> Between(ulong first, ulong last, int max) =>
        Select(s => s.Sequence >= first && s.Sequence <= last, max);

    /// <summary>Kept spectra whose sequence is in <paramref name="sequences"/>, oldest first.</summary>
    public List<ReflectanceSpectrum> Matching(IReadOnlySet<ulong> sequences, int max) =>
        Select(s => sequences.Contains(s.Sequence), max);

    /// <summary>The newest <paramref name="count"/> spectra, oldest first.</summary>
    public List<ReflectanceSpectrum> Latest(int count)
    {
        lock (_lock)
        {
            var n = (int)Math.Min(Math.Min(count, Capacity), _written);
            var result = new List<ReflectanceSpectrum>(n);
            for (var i = _written - n; i < _written; i++)
            {
                result.Add(_ring[i % Capacity]!);
            }

            return result;
        }
    }

    private List<ReflectanceSpectrum> Select(Func<ReflectanceSpectrum, bool> predicate, int max)
    {
        lock (_lock)
        {
            var result = new List<ReflectanceSpectrum>();
            for (var i = Math.Max(0, _written - Capacity); i < _written && result.Count < max; i++)
            {
                var spectrum = _ring[i % Capacity]!;
                if (predicate(spectrum))
                {
                    result.Add(spectrum);
                }
            }

            return result;
        }
    }
}
