using System.Net;

namespace SmartCustoms.Simulators.Nir;

/// <summary>Settings of the simulated NIR spectrometer.</summary>
public sealed record NirSimulatorOptions
{
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (see <see cref="NirSimulator.Endpoint"/>).</summary>
    public int Port { get; init; } = 5025;

    /// <summary>Spectra per second when integration × averages allow it.</summary>
    public double LineRateHz { get; init; } = 500;

    /// <summary>Spectra kept for burst readers; a reader further behind loses the oldest (a sequence gap).</summary>
    public int RingCapacity { get; init; } = 16_384;

    /// <summary>Largest n accepted by FETC:BURS? (above: error −222).</summary>
    public int MaxBurst { get; init; } = 1000;

    /// <summary>Delay added to every answer while the <c>slow</c> fault is on.</summary>
    public TimeSpan SlowAnswerDelay { get; init; } = TimeSpan.FromMilliseconds(800);

    public string Maker { get; init; } = "SmartCustoms";

    public string Model { get; init; } = "SC-NIR256X";

    /// <summary>Serial number; null = derived from the seed.</summary>
    public string? Serial { get; init; }

    public string Firmware { get; init; } = "1.0.0-sim";

    /// <summary>
    /// 0 (default) = the instrument. &gt; 0 = a <b>throughput test source</b>, not an instrument: this many clean-lane
    /// spectra are taken once (at the integration time and averaging set by the client) and served in turn with fresh
    /// sequence numbers at <see cref="LineRateHz"/> (up to <see cref="MaxTestSourceLineRateHz"/>), with no exposure limit
    /// and no NaN/saturation faults. For benchmarks that must offer spectra faster than the gateway classifies them.
    /// </summary>
    public int TestSourceSpectra { get; init; }

    /// <summary>Highest line rate of the throughput test source, spectra/s (the instrument: 10,000).</summary>
    public const double MaxTestSourceLineRateHz = 200_000;

    /// <summary>Lamp hours at start.</summary>
    public double LampHoursAtStart { get; init; } = 1200;

    /// <summary>The first problem with these settings (naming the setting), or null.</summary>
    public string? Validate(string section = "Nir")
    {
        if (Port is < 0 or > 65535)
        {
            return $"{section}:Port must be 0-65535, got {Port}.";
        }

        if (TestSourceSpectra is < 0 or > 65_536)
        {
            return $"{section}:TestSourceSpectra must be 0 (instrument) or 1-65536 (throughput test source), got {TestSourceSpectra}.";
        }

        double maxRate = TestSourceSpectra > 0 ? MaxTestSourceLineRateHz : 10_000;
        if (LineRateHz <= 0 || LineRateHz > maxRate || double.IsNaN(LineRateHz))
        {
            return $"{section}:LineRateHz must be >0 and <={maxRate}{(TestSourceSpectra > 0 ? " (throughput test source)" : string.Empty)}, got {LineRateHz}.";
        }

        if (RingCapacity < 16)
        {
            return $"{section}:RingCapacity must be at least 16, got {RingCapacity}.";
        }

        if (MaxBurst < 1 || MaxBurst > RingCapacity)
        {
            return $"{section}:MaxBurst must be 1-{RingCapacity} (RingCapacity), got {MaxBurst}.";
        }

        return null;
    }
}
