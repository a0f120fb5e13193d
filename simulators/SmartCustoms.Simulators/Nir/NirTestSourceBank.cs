namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// The spectra a NIR <b>throughput test source</b> serves in turn (<see cref="NirSimulatorOptions.TestSourceSpectra"/>):
/// clean-lane spectra (the lane's ore, no items) taken once through the full instrument model at one
/// integration time and averaging, so that serving a spectrum costs a copy instead of ~35 µs of synthesis.
/// Not an instrument: it exists so a benchmark can offer spectra faster than the gateway classifies them.
/// Immutable; thread-safe.
/// </summary>
internal sealed class NirTestSourceBank(int integrationUs, int averages, float[][] counts)
{
    public int IntegrationUs { get; } = integrationUs;

    public int Averages { get; } = averages;

    public int Count => counts.Length;

    /// <summary>Counts served as spectrum <paramref name="sequence"/> (bank entry sequence mod count). Must not be modified.</summary>
    public float[] For(ulong sequence) => counts[(int)(sequence % (ulong)counts.Length)];

    public bool Matches(AcquisitionSegment segment) => segment.IntegrationUs == IntegrationUs && segment.Averages == Averages;
}
