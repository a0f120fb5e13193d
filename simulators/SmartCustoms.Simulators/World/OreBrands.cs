namespace SmartCustoms.Simulators.World;

/// <summary>The brands the simulators know (DOMAIN.md). Extra brands exist so held-out test sets can use other brands.</summary>
public static class OreBrands
{
    public static readonly OreBrand CarajasFines = new("carajas", "Carajás fines", OreMineralFamily.Hematite, 0.92, 0.06, 0.02, 7.0, 9.5, 65.0);
    public static readonly OreBrand KumbaFines = new("kumba", "Kumba fines", OreMineralFamily.Hematite, 0.88, 0.08, 0.04, 2.5, 4.5, 64.0);
    public static readonly OreBrand PilbaraBlendFines = new("pilbara_blend", "Pilbara Blend fines", OreMineralFamily.HematiteGoethite, 0.58, 0.40, 0.02, 6.5, 9.0, 61.6);
    public static readonly OreBrand NewmanFines = new("newman", "Newman fines", OreMineralFamily.HematiteGoethite, 0.66, 0.32, 0.02, 5.5, 7.5, 62.5);
    public static readonly OreBrand BrazilianBlendFines = new("brazilian_blend", "Brazilian Blend fines", OreMineralFamily.HematiteGoethite, 0.72, 0.25, 0.03, 8.0, 10.0, 62.5);
    public static readonly OreBrand YandiFines = new("yandi", "Yandi fines", OreMineralFamily.Goethite, 0.18, 0.80, 0.02, 8.0, 10.5, 57.0);
    public static readonly OreBrand FmgSuperSpecialFines = new("fmg_ssf", "FMG Super Special fines", OreMineralFamily.Goethite, 0.25, 0.73, 0.02, 7.5, 10.0, 56.5);
    public static readonly OreBrand MagnetiteConcentrate = new("magnetite_concentrate", "Magnetite concentrate", OreMineralFamily.Magnetite, 0.04, 0.02, 0.94, 6.0, 9.0, 66.0);

    public static IReadOnlyList<OreBrand> All { get; } =
    [
        CarajasFines, KumbaFines, PilbaraBlendFines, NewmanFines, BrazilianBlendFines,
        YandiFines, FmgSuperSpecialFines, MagnetiteConcentrate,
    ];

    public static bool TryFind(string id, out OreBrand brand)
    {
        foreach (var b in All)
        {
            if (string.Equals(b.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                brand = b;
                return true;
            }
        }

        brand = CarajasFines;
        return false;
    }

    public static OreBrand Find(string id) =>
        TryFind(id, out var brand)
            ? brand
            : throw new ArgumentException($"Unknown ore brand '{id}'. Known: {string.Join(", ", All.Select(b => b.Id))}.", nameof(id));
}
