namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// A stretch of acquisitions with constant settings: spectrum <c>n ≥ FirstSequence</c> completes
/// at <c>StartDeviceUs + (n − FirstSequence + 1) · PeriodUs</c>.
/// </summary>
internal sealed record AcquisitionSegment(ulong FirstSequence, double StartDeviceUs, double PeriodUs, int IntegrationUs, int Averages)
{
    public double CompletionUs(ulong sequence) => StartDeviceUs + ((sequence - FirstSequence + 1) * PeriodUs);
}
