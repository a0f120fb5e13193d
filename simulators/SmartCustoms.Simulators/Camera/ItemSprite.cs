using OpenCvSharp;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// How one contaminant item looks from above, drawn once per item (deterministic from its id): a shape
/// and surface by material (film, bottle, foam block, pipe, rope, rubber, plank, cardboard, paper,
/// textile, scrap), the item's colour, and holes in the mask where ore covers the partly buried item.
/// Not thread-safe.
/// </summary>
public sealed class ItemSprite : IDisposable
{
    private ItemSprite(Mat image, Mat mask)
    {
        Image = image;
        Mask = mask;
    }

    /// <summary>BGR, square: side = the item's size in pixels.</summary>
    public Mat Image { get; }

    /// <summary>8-bit: 255 where the item shows.</summary>
    public Mat Mask { get; }

    public int Side => Image.Rows;

    public static ItemSprite Create(ContaminantItem item, double metresPerPixel)
    {
        ArgumentNullException.ThrowIfNull(item);
        var rng = new Random(StableHash(item.Id));
        int length = Math.Max(4, (int)Math.Round(item.SizeM / metresPerPixel));
        int breadth = Math.Max(3, (int)Math.Round(item.WidthM / metresPerPixel));
        int side = length + 4;
        var image = new Mat(side, side, MatType.CV_8UC3, Scalar.All(0));
        var mask = new Mat(side, side, MatType.CV_8UC1, Scalar.All(0));
        var centre = new Point2f(side / 2f, side / 2f);
        double angle = rng.Uniform(0, 180);
        var colour = ItemPalette.Of(item.Colour);
        var outline = Outline(item.Material, rng, length, breadth, centre, angle);

        Cv2.FillPoly(mask, [outline], Scalar.All(255), LineTypes.AntiAlias);
        Cv2.FillPoly(image, [outline], colour, LineTypes.AntiAlias);
        Surface(item.Material, image, rng, colour, outline, centre, angle, length, breadth);

        // Partly buried: lumps of ore lie over part of the item.
        int covers = rng.Next(1, 5);
        for (int i = 0; i < covers; i++)
        {
            var at = outline[rng.Next(outline.Length)];
            int r = Math.Max(2, (int)(breadth * rng.Uniform(0.15, 0.45)));
            Cv2.Circle(mask, at, r, Scalar.All(0), -1);
        }

        return new ItemSprite(image, mask);
    }

    public void Dispose()
    {
        Image.Dispose();
        Mask.Dispose();
    }

    private static Point[] Outline(ContaminantMaterial material, Random rng, int length, int breadth, Point2f centre, double angleDeg)
    {
        double a = angleDeg * Math.PI / 180;
        double ca = Math.Cos(a);
        double sa = Math.Sin(a);
        Point At(double along, double across) => new(
            (int)Math.Round(centre.X + (across * ca) - (along * sa)),
            (int)Math.Round(centre.Y + (across * sa) + (along * ca)));

        double hl = length / 2.0;
        double hb = breadth / 2.0;
        switch (material)
        {
            case ContaminantMaterial.Wood or ContaminantMaterial.Cardboard or ContaminantMaterial.Paper or ContaminantMaterial.Pvc or ContaminantMaterial.Ps:
                // Boxy: a rectangle with slightly torn corners.
                return
                [
                    At(-hl, -hb * rng.Uniform(0.85, 1)), At(-hl * rng.Uniform(0.9, 1), hb), At(hl, hb * rng.Uniform(0.85, 1)), At(hl * rng.Uniform(0.9, 1), -hb),
                ];
            case ContaminantMaterial.Pet:
                // A bottle: an elongated rounded outline with a neck.
                var bottle = new List<Point>();
                for (int i = 0; i < 24; i++)
                {
                    double t = 2 * Math.PI * i / 24;
                    double along = hl * Math.Cos(t);
                    double across = hb * Math.Sin(t) * (along > hl * 0.55 ? 0.4 : 1);
                    bottle.Add(At(along, across));
                }

                return [.. bottle];
            default:
                // Film, rubber, textile, scrap, rope: an irregular blob (jagged for scrap).
                int n = material == ContaminantMaterial.ScrapMetal ? 14 : 11;
                var blob = new List<Point>();
                for (int i = 0; i < n; i++)
                {
                    double t = 2 * Math.PI * i / n;
                    double k = material == ContaminantMaterial.ScrapMetal ? rng.Uniform(0.45, 1) : rng.Uniform(0.7, 1);
                    blob.Add(At(hl * k * Math.Cos(t), hb * k * Math.Sin(t)));
                }

                return [.. blob];
        }
    }

    private static void Surface(ContaminantMaterial material, Mat image, Random rng, Scalar colour, Point[] outline, Point2f centre, double angle, int length, int breadth)
    {
        int lines = Math.Max(2, length / 12);
        switch (material)
        {
            case ContaminantMaterial.Wood:
                image.SetTo(new Scalar(60, 105, 150), null);
                for (int i = 0; i < lines; i++)
                {
                    Grain(image, rng, outline, new Scalar(40, 75, 115));
                }

                break;
            case ContaminantMaterial.Cardboard:
                image.SetTo(new Scalar(95, 145, 185), null);
                for (int i = 0; i < lines; i++)
                {
                    Grain(image, rng, outline, new Scalar(80, 125, 165));
                }

                break;
            case ContaminantMaterial.ScrapMetal:
                image.SetTo(new Scalar(140, 142, 146), null);
                for (int i = 0; i < 3; i++)
                {
                    Cv2.Circle(image, outline[rng.Next(outline.Length)], Math.Max(2, breadth / 6), new Scalar(40, 70, 120), -1); // rust
                }

                Cv2.Line(image, outline[0], outline[outline.Length / 2], new Scalar(235, 235, 240), Math.Max(1, breadth / 12)); // glint
                break;
            case ContaminantMaterial.BlackRubber:
                image.SetTo(new Scalar(22, 22, 24), null);
                for (int i = 0; i < lines; i++)
                {
                    Grain(image, rng, outline, new Scalar(38, 38, 40)); // tread
                }

                break;
            case ContaminantMaterial.Pet or ContaminantMaterial.Pvc:
                Cv2.Ellipse(image, new RotatedRect(centre, new Size2f(Math.Max(2, breadth / 5), length * 0.7f), (float)angle), ItemPalette.Scale(colour, 1.35), -1); // specular highlight
                break;
            case ContaminantMaterial.Cotton or ContaminantMaterial.Wool or ContaminantMaterial.Nylon:
                for (int i = 0; i < lines * 3; i++)
                {
                    Grain(image, rng, outline, ItemPalette.Scale(colour, rng.Uniform(0.7, 1.2))); // weave and fibres
                }

                break;
            default:
                // Film and bags: folds as lighter and darker creases.
                for (int i = 0; i < lines; i++)
                {
                    Grain(image, rng, outline, ItemPalette.Scale(colour, rng.NextDouble() < 0.5 ? 0.7 : 1.25));
                }

                break;
        }
    }

    private static void Grain(Mat image, Random rng, Point[] outline, Scalar colour)
    {
        var a = outline[rng.Next(outline.Length)];
        var b = outline[rng.Next(outline.Length)];
        Cv2.Line(image, a, b, colour, 1, LineTypes.AntiAlias);
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char c in text)
            {
                h = (h ^ c) * 16777619;
            }

            return h & 0x7FFFFFFF;
        }
    }
}
