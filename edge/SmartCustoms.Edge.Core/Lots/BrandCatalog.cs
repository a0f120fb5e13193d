using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>
/// Declared brand → expected ore families, named as the spectral model names them (<c>hematite</c>,
/// <c>hematite_goethite</c> for blends, <c>goethite</c>, <c>magnetite</c>: its ore classes without <c>ore_</c>).
/// A blend expects the blend family and hematite (the model reads ~11 % of blend spots as hematite) but not
/// goethite, so a goethite brand on the belt of a declared blend is a mismatch. Built-in entries follow the
/// mineralogy in DOMAIN.md; entries in
/// <c>Lane:Verdicts:BrandFamilies</c> override them by name. Brand names match case-insensitively, ignoring
/// a trailing "fines"/"lump" so "Pilbara Blend fines" finds "Pilbara Blend". Immutable; thread-safe.
/// </summary>
public sealed class BrandCatalog
{
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Carajas"] = "hematite",
        ["Kumba"] = "hematite",
        ["Pilbara Blend"] = "hematite_goethite,hematite",
        ["Newman"] = "hematite_goethite,hematite",
        ["Mac"] = "hematite_goethite,hematite",
        ["Brazilian Blend"] = "hematite_goethite,hematite",
        ["Yandi"] = "goethite",
        ["FMG Super Special"] = "goethite",
        ["Magnetite concentrate"] = "magnetite",
    };

    private readonly Dictionary<string, string[]> _families = new(StringComparer.OrdinalIgnoreCase);

    public BrandCatalog(VerdictOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (brand, families) in BuiltIn)
        {
            _families[Normalise(brand)] = Split(families);
        }

        foreach (var (brand, families) in options.BrandFamilies)
        {
            _families[Normalise(brand)] = Split(families);
        }
    }

    /// <summary>Expected families of <paramref name="brand"/>, or empty when the brand is not known.</summary>
    public IReadOnlyList<string> ExpectedFamilies(string brand) =>
        _families.TryGetValue(Normalise(brand), out var families) ? families : [];

    private static string[] Split(string families) =>
        families.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Normalise(string brand)
    {
        var name = brand.Trim();
        foreach (var suffix in (string[])[" fines", " lump", " fine"])
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length].TrimEnd();
            }
        }

        return name.Replace("Carajás", "Carajas", StringComparison.OrdinalIgnoreCase);
    }
}
