using OpenCvSharp;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Camera;

/// <summary>Visible colours (BGR) of item colours, materials and ore minerals for the rendered belt.</summary>
public static class ItemPalette
{
    public static Scalar Of(ItemColour colour) => colour switch
    {
        ItemColour.White => new Scalar(232, 234, 236),
        ItemColour.Natural => new Scalar(198, 214, 222),
        ItemColour.Red => new Scalar(40, 38, 196),
        ItemColour.Blue => new Scalar(186, 96, 32),
        ItemColour.Green => new Scalar(62, 156, 52),
        ItemColour.Yellow => new Scalar(40, 206, 228),
        ItemColour.Grey => new Scalar(128, 130, 132),
        ItemColour.Brown => new Scalar(42, 72, 112),
        _ => new Scalar(24, 24, 26),
    };

    /// <summary>The ore's base colour from the brand's mineral mix (hematite steel-red, goethite ochre, magnetite black), darkened by moisture.</summary>
    public static Scalar Ore(OreBrand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var hem = new Scalar(44, 45, 66);
        var goe = new Scalar(34, 66, 106);
        var mag = new Scalar(27, 27, 30);
        double wet = 1 - (0.02 * ((brand.MoistureMinPct + brand.MoistureMaxPct) / 2));
        Scalar c = default;
        for (int i = 0; i < 3; i++)
        {
            c[i] = wet * ((brand.HematiteFraction * hem[i]) + (brand.GoethiteFraction * goe[i]) + (brand.MagnetiteFraction * mag[i]));
        }

        return c;
    }

    public static Scalar Scale(Scalar c, double f) => new(Math.Clamp(c[0] * f, 0, 255), Math.Clamp(c[1] * f, 0, 255), Math.Clamp(c[2] * f, 0, 255));
}
