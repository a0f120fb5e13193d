namespace SmartCustoms.Simulators.Control;

/// <summary>
/// Body of <c>POST /faults</c>: <c>{"device":"sampler","kind":"stall","seconds":10}</c>; seconds 0 ends the fault.
/// For kind <c>clock-offset</c> (nir, camera) <c>offsetSeconds</c> sets how far the device clock is off
/// (either sign; default +3600); other kinds reject it.
/// </summary>
public sealed record FaultRequest(string? Device, string? Kind, double? Seconds, double? OffsetSeconds = null);
