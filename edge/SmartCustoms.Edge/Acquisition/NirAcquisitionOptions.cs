namespace SmartCustoms.Edge.Acquisition;

/// <summary>Settings of the gateway's NIR acquisition and inference pipeline (section <c>Acquisition:Nir</c>).</summary>
internal sealed class NirAcquisitionOptions
{
    public const string SectionName = "Acquisition:Nir";

    /// <summary>Whether the gateway reads the NIR spectrometer at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a spectral summary event is stored and published.</summary>
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bursts buffered between acquisition and inference before acquisition waits.</summary>
    public int ChannelCapacityBatches { get; set; } = 64;

    /// <summary>
    /// When inference is behind, bursts already waiting are classified together in one model call of at most this
    /// many spectra (each call has a fixed cost); 0 or not above <c>Devices:Nir:BurstSize</c> = one burst per call.
    /// Joining is also off when it would change a single output bit on this CPU (checked at start).
    /// </summary>
    public int MaxJoinedSpectra { get; set; } = 100;

    /// <summary>Longest run of contaminated spectra reported as one detection.</summary>
    public int MaxDetectionSpectra { get; set; } = 250;

    /// <summary>Shortest run of contaminated spectra that counts as a detection (1 = every spectrum counts).</summary>
    public int MinDetectionSpectra { get; set; } = 2;

    /// <summary>Wait after a device error before trying again (doubles up to <see cref="RetryMaxDelay"/>).</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
