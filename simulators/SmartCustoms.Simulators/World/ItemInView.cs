namespace SmartCustoms.Simulators.World;

/// <summary>An exposed item inside a footprint and the share of the footprint it covers (0–1).</summary>
public readonly record struct ItemInView(ContaminantItem Item, double AreaFraction);
