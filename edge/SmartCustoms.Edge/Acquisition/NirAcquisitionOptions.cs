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

    /// <summary>
    /// Each read asks the instrument for as many whole bursts (<c>Devices:Nir:BurstSize</c>) as it takes in this time
    /// at its line rate, at most the bursts one model call may join (<see cref="MaxJoinedSpectra"/>): one burst of 20
    /// at 500 spectra/s and 40 ms, five at tens of thousands per second. Zero = always one burst.
    /// </summary>
    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// Model calls run at once, each on its own core (the spectral model runs one intra-op thread by default,
    /// <c>Models:IntraOpThreads</c>); results are applied in the order the bursts arrived. 1 = one call at a time.
    /// Two calls of one thread each classify ~1.9× what one call of two threads does on the 2-core box.
    /// </summary>
    public int InferenceParallelism { get; set; } = 2;

    /// <summary>Longest run of contaminated spectra reported as one detection.</summary>
    public int MaxDetectionSpectra { get; set; } = 250;

    /// <summary>Shortest run of contaminated spectra that counts as a detection (1 = every spectrum counts).</summary>
    public int MinDetectionSpectra { get; set; } = 2;

    /// <summary>Wait after a device error before trying again (doubles up to <see cref="RetryMaxDelay"/>).</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
