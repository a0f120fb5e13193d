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

    /// <summary>Lamp hours at start.</summary>
    public double LampHoursAtStart { get; init; } = 1200;

    /// <summary>The first problem with these settings (naming the setting), or null.</summary>
    public string? Validate(string section = "Nir")
    {
        if (Port is < 0 or > 65535)
        {
            return $"{section}:Port must be 0-65535, got {Port}.";
        }

        if (LineRateHz is <= 0 or > 10_000 || double.IsNaN(LineRateHz))
        {
            return $"{section}:LineRateHz must be >0 and <=10000, got {LineRateHz}.";
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
