namespace SmartCustoms.Drivers.Abstractions.Health;

/// <summary>An immutable snapshot of a device's health.</summary>
/// <param name="Device">The device's configured name, e.g. <c>nir</c>, <c>camera</c>, <c>sampler</c>.</param>
/// <param name="State">Up, degraded or down.</param>
/// <param name="Reason">Why it is in that state, in words an operator understands; empty when up.</param>
/// <param name="Since">When the device entered this state (wall clock, for display).</param>
public sealed record DeviceHealth(string Device, DeviceHealthState State, string Reason, DateTimeOffset Since);
