namespace SmartCustoms.Simulators.Dataset;

/// <summary>One dataset row: the truth and the reflectance the gateway would compute, one value per pixel.</summary>
public sealed record SpectralSample(string Label, string Brand, string Material, double AreaFraction, double MoisturePct, float[] Reflectance);
