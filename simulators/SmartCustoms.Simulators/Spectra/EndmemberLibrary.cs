using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// Recipes of the endmember spectra (DOMAIN.md band positions). Iron minerals carry their Fe³⁺
/// crystal-field bands below 1,000 nm, so only the wing shows on the 1,000–2,000 nm grid (hematite:
/// the reflectance climbs up to ~1,300 nm). Organic materials carry C–H/O–H/N–H overtones. Band
/// depths are absorbances; widths are Gaussian sigmas.
/// </summary>
public static class EndmemberLibrary
{
    private static readonly Dictionary<Endmember, MaterialRecipe> Recipes = Build();

    /// <summary>Water absorbance per 1 % moisture (O–H at ~970, ~1,200, ~1,450, ~1,940 nm).</summary>
    public static IReadOnlyList<BandRecipe> WaterPerPercent { get; } =
    [
        new(970, 22, 28, 0.0035, 0.0045),
        new(1200, 28, 34, 0.006, 0.008),
        new(1450, 42, 50, 0.022, 0.028),
        new(1940, 50, 60, 0.045, 0.055),
    ];

    public static MaterialRecipe Recipe(Endmember endmember) => Recipes[endmember];

    /// <summary>The endmember of an item: carbon-black items map to the nearly flat black spectra.</summary>
    public static Endmember For(ContaminantMaterial material, ItemColour colour)
    {
        if (material == ContaminantMaterial.BlackRubber)
        {
            return Endmember.BlackRubber;
        }

        if (ContaminantMaterials.IsCarbonBlack(material, colour))
        {
            return Endmember.BlackPlastic;
        }

        return material switch
        {
            ContaminantMaterial.Pe => Endmember.Pe,
            ContaminantMaterial.Pp => Endmember.Pp,
            ContaminantMaterial.Pet => Endmember.Pet,
            ContaminantMaterial.Ps => Endmember.Ps,
            ContaminantMaterial.Pvc => Endmember.Pvc,
            ContaminantMaterial.Nylon => Endmember.Nylon,
            ContaminantMaterial.Wood => Endmember.Wood,
            ContaminantMaterial.Cardboard => Endmember.Cardboard,
            ContaminantMaterial.Paper => Endmember.Paper,
            ContaminantMaterial.Cotton => Endmember.Cotton,
            ContaminantMaterial.Wool => Endmember.Wool,
            _ => Endmember.ScrapMetal,
        };
    }

    /// <summary>How a visible colour scales the NIR level (most pigments are NIR-transparent).</summary>
    public static double ColourScale(ItemColour colour) => colour switch
    {
        ItemColour.White => 1.0,
        ItemColour.Natural => 0.95,
        ItemColour.Red or ItemColour.Yellow => 0.92,
        ItemColour.Blue or ItemColour.Green => 0.86,
        ItemColour.Brown => 0.72,
        ItemColour.Grey => 0.62,
        _ => 0.5,
    };

    /// <summary>Range of surface water on an item lying in wet ore, as a share of the ore's moisture.</summary>
    public static (double Min, double Max) SurfaceWetness(Endmember endmember) => endmember switch
    {
        Endmember.Wood or Endmember.Cardboard or Endmember.Paper or Endmember.Cotton or Endmember.Wool => (0.4, 1.4),
        Endmember.ScrapMetal => (0.1, 0.4),
        Endmember.BlackRubber or Endmember.BlackPlastic => (0.0, 0.1),
        Endmember.Hematite or Endmember.Goethite or Endmember.Magnetite => (1.0, 1.0),
        _ => (0.05, 0.3),
    };

    private static Dictionary<Endmember, MaterialRecipe> Build()
    {
        BandRecipe[] cellulose =
        [
            new(1200, 15, 25, 0.06, 0.10),
            new(1490, 30, 40, 0.18, 0.28),
            new(1780, 18, 25, 0.07, 0.13),
            new(1930, 40, 55, 0.35, 0.55),
            new(2100, 35, 45, 0.40, 0.55),
        ];
        return new Dictionary<Endmember, MaterialRecipe>
        {
            // Fe³⁺ band at ~870 nm: its long-wavelength wing slopes the spectrum up to ~1,300 nm.
            [Endmember.Hematite] = new("hematite", 0.19, 0.26, 0.0, 0.04, [new(870, 130, 160, 1.0, 1.5, 1.0) { CentreJitterNm = 10 }]),

            // Goethite: band at ~920 nm, broader; a weak hydroxyl feature near 1,410 nm.
            [Endmember.Goethite] = new("goethite", 0.13, 0.18, 0.02, 0.05,
            [
                new(925, 170, 210, 0.9, 1.3) { CentreJitterNm = 10 },
                new(1410, 25, 35, 0.01, 0.03),
            ]),
            [Endmember.Magnetite] = new("magnetite", 0.040, 0.060, -0.005, 0.010, []),

            [Endmember.Pe] = new("pe", 0.55, 0.85, -0.08, 0.0,
            [
                new(1212, 8, 14, 0.10, 0.20),
                new(1395, 10, 16, 0.08, 0.14),
                new(1418, 8, 12, 0.06, 0.10),
                new(1730, 8, 12, 0.35, 0.60),
                new(1762, 8, 12, 0.25, 0.45),
            ]),
            [Endmember.Pp] = new("pp", 0.55, 0.85, -0.08, 0.0,
            [
                new(1195, 8, 14, 0.10, 0.18),
                new(1395, 10, 16, 0.10, 0.16),
                new(1705, 8, 12, 0.30, 0.45),
                new(1728, 8, 12, 0.25, 0.40),
                new(1765, 8, 12, 0.15, 0.25),
            ]),
            [Endmember.Pet] = new("pet", 0.50, 0.80, -0.06, 0.02,
            [
                new(1130, 8, 12, 0.08, 0.15),
                new(1420, 10, 16, 0.06, 0.10),
                new(1660, 8, 12, 0.30, 0.50),
                new(1720, 10, 15, 0.08, 0.15),
            ]),
            [Endmember.Ps] = new("ps", 0.50, 0.85, -0.06, 0.02,
            [
                new(1145, 6, 10, 0.10, 0.18),
                new(1215, 8, 12, 0.04, 0.08),
                new(1395, 10, 14, 0.05, 0.08),
                new(1680, 6, 10, 0.35, 0.55),
            ]),
            [Endmember.Pvc] = new("pvc", 0.40, 0.70, -0.05, 0.02,
            [
                new(1190, 10, 16, 0.04, 0.08),
                new(1400, 12, 18, 0.03, 0.06),
                new(1725, 12, 18, 0.10, 0.20),
            ]),
            [Endmember.Nylon] = new("nylon", 0.50, 0.75, -0.08, 0.0,
            [
                new(1200, 10, 14, 0.05, 0.08),
                new(1500, 20, 30, 0.20, 0.35),
                new(1730, 10, 14, 0.12, 0.20),
                new(1940, 40, 55, 0.10, 0.20),
                new(2050, 25, 35, 0.30, 0.45),
            ]),
            [Endmember.Wool] = new("wool", 0.45, 0.65, -0.10, -0.05,
            [
                new(1200, 15, 20, 0.05, 0.08),
                new(1500, 25, 35, 0.20, 0.30),
                new(1730, 12, 16, 0.08, 0.14),
                new(1940, 45, 60, 0.35, 0.50),
                new(2050, 30, 40, 0.30, 0.40),
            ]),
            [Endmember.Paper] = new("paper", 0.65, 0.85, -0.10, -0.05, cellulose),
            [Endmember.Cotton] = new("cotton", 0.60, 0.85, -0.10, -0.04, cellulose),
            [Endmember.Cardboard] = new("cardboard", 0.40, 0.60, 0.0, 0.10, cellulose),

            // Wood: cellulose plus lignin (aromatic ~1,680 nm, ~2,270–2,340 nm beyond our range).
            [Endmember.Wood] = new("wood", 0.35, 0.55, 0.05, 0.15,
            [
                .. cellulose,
                new(1680, 12, 18, 0.03, 0.06),
                new(2300, 30, 45, 0.30, 0.50),
            ]),

            // Carbon black absorbs across the NIR: nearly flat and very dark, a trace of C–H at most.
            [Endmember.BlackRubber] = new("black_rubber", 0.030, 0.050, -0.010, 0.010, [new(1730, 10, 15, 0.0, 0.03)]),
            [Endmember.BlackPlastic] = new("black_plastic", 0.030, 0.050, -0.010, 0.010,
            [
                new(1210, 10, 14, 0.0, 0.03),
                new(1730, 10, 15, 0.01, 0.04),
            ]),

            // Steel: flat grey; rusty pieces carry an iron-oxide wing, oily ones a trace of C–H.
            [Endmember.ScrapMetal] = new("scrap_metal", 0.15, 0.45, 0.0, 0.08,
            [
                new(900, 130, 180, 0.3, 1.0, 0.5) { CentreJitterNm = 20 },
                new(1730, 10, 15, 0.02, 0.06, 0.3),
            ]),
        };
    }
}
