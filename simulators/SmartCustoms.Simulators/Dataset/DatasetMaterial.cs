using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Dataset;

/// <summary>A contaminant as it appears in a dataset: its name, its label and how it is drawn.</summary>
/// <param name="Name">The <c>material</c> column; carbon-black items are prefixed <c>black_</c>.</param>
/// <param name="Label">The <c>label</c> column (plastic, rubber, cellulose, other_organic, metal).</param>
/// <param name="CarbonBlack">True for black items that are nearly NIR-invisible.</param>
public sealed record DatasetMaterial(string Name, string Label, ContaminantMaterial Material, bool CarbonBlack)
{
    public static IReadOnlyList<DatasetMaterial> All { get; } = Build();

    public static bool TryFind(string name, out DatasetMaterial material)
    {
        foreach (var m in All)
        {
            if (string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                material = m;
                return true;
            }
        }

        material = All[0];
        return false;
    }

    /// <summary>A colour for one sample: black for carbon-black items, otherwise a typical non-black colour.</summary>
    public ItemColour PickColour(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (CarbonBlack)
        {
            return ItemColour.Black;
        }

        var colours = ContaminantMaterials.TypicalColours(Material).Where(c => c != ItemColour.Black || Label != "plastic").ToArray();
        return colours[random.Next(colours.Length)];
    }

    private static List<DatasetMaterial> Build()
    {
        var list = new List<DatasetMaterial>();
        foreach (var m in ContaminantMaterials.All)
        {
            string label = ContaminantMaterials.WireName(ContaminantMaterials.ClassOf(m));
            list.Add(new DatasetMaterial(ContaminantMaterials.WireName(m), label, m, m == ContaminantMaterial.BlackRubber));
        }

        list.Add(new DatasetMaterial("black_pe", "plastic", ContaminantMaterial.Pe, true));
        list.Add(new DatasetMaterial("black_pp", "plastic", ContaminantMaterial.Pp, true));
        return list;
    }
}
