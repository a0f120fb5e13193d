using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Spectra;

/// <summary>A contaminant in a spot: what it is, its colour and the share of the spot it covers (0–1).</summary>
public readonly record struct SpotComponent(ContaminantMaterial Material, ItemColour Colour, double AreaFraction);
