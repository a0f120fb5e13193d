namespace SmartCustoms.Simulators.World;

/// <summary>A lot as declared to customs; <paramref name="ActualBrandId"/> is the truth the lane should find.</summary>
public sealed record Lot(
    string LotId,
    string DeclarationNumber,
    string Vessel,
    string DeclaredBrandId,
    string ActualBrandId,
    double DeclaredMassT,
    string HsCode);
