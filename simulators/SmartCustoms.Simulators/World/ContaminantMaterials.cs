namespace SmartCustoms.Simulators.World;

/// <summary>Names, classes and physical habits of <see cref="ContaminantMaterial"/>.</summary>
public static class ContaminantMaterials
{
    public static IReadOnlyList<ContaminantMaterial> All { get; } = Enum.GetValues<ContaminantMaterial>();

    public static ContaminantClass ClassOf(ContaminantMaterial material) => material switch
    {
        ContaminantMaterial.Pe or ContaminantMaterial.Pp or ContaminantMaterial.Pet or ContaminantMaterial.Ps
            or ContaminantMaterial.Pvc or ContaminantMaterial.Nylon => ContaminantClass.Plastic,
        ContaminantMaterial.BlackRubber => ContaminantClass.Rubber,
        ContaminantMaterial.Wood or ContaminantMaterial.Cardboard or ContaminantMaterial.Paper
            or ContaminantMaterial.Cotton => ContaminantClass.Cellulose,
        ContaminantMaterial.Wool => ContaminantClass.OtherOrganic,
        _ => ContaminantClass.Metal,
    };

    /// <summary>Wire/dataset name of the material, e.g. <c>pe</c>, <c>scrap_metal</c>.</summary>
    public static string WireName(ContaminantMaterial material) => material switch
    {
        ContaminantMaterial.Pe => "pe",
        ContaminantMaterial.Pp => "pp",
        ContaminantMaterial.Pet => "pet",
        ContaminantMaterial.Ps => "ps",
        ContaminantMaterial.Pvc => "pvc",
        ContaminantMaterial.Nylon => "nylon",
        ContaminantMaterial.BlackRubber => "black_rubber",
        ContaminantMaterial.Wood => "wood",
        ContaminantMaterial.Cardboard => "cardboard",
        ContaminantMaterial.Paper => "paper",
        ContaminantMaterial.Cotton => "cotton",
        ContaminantMaterial.Wool => "wool",
        _ => "scrap_metal",
    };

    /// <summary>Dataset name of a class: plastic, rubber, cellulose, other_organic, metal.</summary>
    public static string WireName(ContaminantClass contaminantClass) => contaminantClass switch
    {
        ContaminantClass.Plastic => "plastic",
        ContaminantClass.Rubber => "rubber",
        ContaminantClass.Cellulose => "cellulose",
        ContaminantClass.OtherOrganic => "other_organic",
        _ => "metal",
    };

    public static bool TryParse(string name, out ContaminantMaterial material)
    {
        foreach (var m in All)
        {
            if (string.Equals(WireName(m), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                material = m;
                return true;
            }
        }

        material = default;
        return false;
    }

    /// <summary>True when the item is carbon-black filled (black plastics, rubber): nearly no NIR signal.</summary>
    public static bool IsCarbonBlack(ContaminantMaterial material, ItemColour colour) =>
        material == ContaminantMaterial.BlackRubber
        || (colour == ItemColour.Black && ClassOf(material) == ContaminantClass.Plastic);

    /// <summary>The colours an item of this material plausibly has.</summary>
    public static IReadOnlyList<ItemColour> TypicalColours(ContaminantMaterial material) => material switch
    {
        ContaminantMaterial.BlackRubber => [ItemColour.Black],
        ContaminantMaterial.Wood => [ItemColour.Natural, ItemColour.Brown],
        ContaminantMaterial.Cardboard => [ItemColour.Brown],
        ContaminantMaterial.Paper => [ItemColour.White, ItemColour.Grey],
        ContaminantMaterial.ScrapMetal => [ItemColour.Grey, ItemColour.Brown],
        ContaminantMaterial.Cotton or ContaminantMaterial.Wool => [ItemColour.White, ItemColour.Blue, ItemColour.Red, ItemColour.Grey, ItemColour.Black],
        _ => [ItemColour.White, ItemColour.Natural, ItemColour.Blue, ItemColour.Red, ItemColour.Green, ItemColour.Yellow, ItemColour.Black],
    };
}
