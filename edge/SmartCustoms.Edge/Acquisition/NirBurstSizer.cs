using SmartCustoms.Drivers.Abstractions.Spectrometer;

namespace SmartCustoms.Edge.Acquisition;

/// <summary>
/// How many spectra the next <c>FETC:BURS?</c> asks for: whole bursts of <c>Devices:Nir:BurstSize</c>, as many as the
/// instrument takes in <c>Acquisition:Nir:BurstWindow</c> at its measured line rate, at most the number of bursts one
/// model call may join (<see cref="SpectralBatchMerger.MaxBursts"/>: only where that is bit-identical) and what fits in
/// <c>Devices:Nir:MaxBlockBytes</c>. At the contract's 500 spectra/s and 40 ms that is one burst of 20, as before; at
/// tens of thousands per second one request and one model call carry five, so the per-request and per-call costs
/// (a TCP round trip, thread hand-offs) are paid a fifth as often. Not thread-safe: the acquisition loop owns it.
/// </summary>
internal sealed class NirBurstSizer
{
    // Per spectrum in a FETC:BURS? block: uint64 sequence, int64 device µs, float32 °C, then float32 pixels.
    private const int HeaderBytes = 20;
    private readonly int _burstSize;
    private readonly int _maxBursts;
    private readonly double _windowSeconds;
    private readonly int _maxBlockBytes;
    private int _bursts = 1;

    public NirBurstSizer(int burstSize, int maxBursts, TimeSpan window, int maxBlockBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burstSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBursts, 1);
        _burstSize = burstSize;
        _maxBursts = maxBursts;
        _windowSeconds = window.TotalSeconds;
        _maxBlockBytes = maxBlockBytes;
    }

    /// <summary>Spectra to ask for next: a whole number of bursts, at least one.</summary>
    public int Next => _burstSize * _bursts;

    /// <summary>Learns the line rate from a burst just read (device time stamps of its first and last spectrum).</summary>
    public void Observe(IReadOnlyList<RawSpectrum> burst)
    {
        ArgumentNullException.ThrowIfNull(burst);
        if (burst.Count < 2)
        {
            return;
        }

        var spanMicroseconds = burst[^1].DeviceTimeMicroseconds - burst[0].DeviceTimeMicroseconds;
        if (spanMicroseconds <= 0)
        {
            return; // instrument clock reset or stamps equal: keep the last size
        }

        var perSecond = (burst.Count - 1) * 1e6 / spanMicroseconds;
        var wanted = (int)Math.Min(_maxBursts, Math.Floor(perSecond * _windowSeconds / _burstSize));
        var fitting = _maxBlockBytes / ((HeaderBytes + (4 * burst[0].Counts.Length)) * _burstSize);
        _bursts = Math.Max(1, Math.Min(wanted, fitting));
    }
}
