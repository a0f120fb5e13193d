namespace SmartCustoms.Edge.Core.Lots;

/// <summary>The customs declaration a lot is unloaded under (the <c>start-lot</c> command's fields).</summary>
/// <param name="LotId">The lot's id (unique per lane).</param>
/// <param name="DeclarationNumber">Customs declaration number.</param>
/// <param name="Vessel">Vessel name.</param>
/// <param name="DeclaredBrand">Declared ore brand (e.g. <c>Pilbara Blend fines</c>).</param>
/// <param name="DeclaredMassTonnes">Declared mass, t (&gt; 0; the sampling plan is sized from it).</param>
/// <param name="HsCode">HS code on the declaration (e.g. <c>2601110000</c>).</param>
public sealed record LotDeclaration(
    string LotId,
    string DeclarationNumber,
    string Vessel,
    string DeclaredBrand,
    double DeclaredMassTonnes,
    string HsCode);
