namespace SmartCustoms.Simulators.Control;

/// <summary>Body of <c>POST /faults</c>: <c>{"device":"sampler","kind":"stall","seconds":10}</c>; seconds 0 ends the fault.</summary>
public sealed record FaultRequest(string? Device, string? Kind, double? Seconds);
