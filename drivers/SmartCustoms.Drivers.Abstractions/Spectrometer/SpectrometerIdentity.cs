namespace SmartCustoms.Drivers.Abstractions.Spectrometer;

/// <summary>The answer to <c>*IDN?</c>.</summary>
public sealed record SpectrometerIdentity(string Maker, string Model, string Serial, string Firmware);
