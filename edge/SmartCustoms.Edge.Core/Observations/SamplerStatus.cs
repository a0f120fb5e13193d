namespace SmartCustoms.Edge.Core.Observations;

/// <summary>The sampler as the host last read it from the PLC.</summary>
/// <param name="Ready">The sampler can take commands: remote mode, no fault, interlock OK, bin not full. A running cut cycle does not make it unready (that is <paramref name="Busy"/>).</param>
/// <param name="Busy">A cut cycle is running (cutting or returning).</param>
/// <param name="Problem">Why it is not ready, in an operator's words (fault code, local mode, bin full); empty when ready.</param>
public sealed record SamplerStatus(bool Ready, bool Busy, string Problem)
{
    public static SamplerStatus Unknown { get; } = new(false, false, "sampler state not read yet");
}
