namespace SmartCustoms.Simulators.World;

/// <summary>The ore surface at one place on the belt: brand, mineral area fractions (sum 1), moisture %.</summary>
public readonly record struct OreSample(OreBrand Brand, double Hematite, double Goethite, double Magnetite, double MoisturePct);
