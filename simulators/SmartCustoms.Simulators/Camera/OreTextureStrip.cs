using OpenCvSharp;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// A long picture of the loaded belt as the camera sees it (columns = across the belt, rows = along it),
/// drawn once from the brand and the seed and then scrolled at belt speed: ore bed with coarse and
/// fine shading and lumps, the troughed bed's ragged edge, the bare belt and the steelwork at the sides.
/// The strip wraps seamlessly (its last rows continue into its first). Not thread-safe (read-only after construction).
/// </summary>
public sealed class OreTextureStrip : IDisposable
{
    private const int BlendRows = 160;

    public OreTextureStrip(OreBrand brand, int seed, int width, int rows, double metresPerPixel, double beltWidthM)
    {
        ArgumentNullException.ThrowIfNull(brand);
        Rows = rows;
        Strip = Draw(brand, seed, width, rows, metresPerPixel, beltWidthM);
    }

    public int Rows { get; }

    /// <summary>BGR, <see cref="Rows"/> × width.</summary>
    public Mat Strip { get; }

    public void Dispose() => Strip.Dispose();

    private static Mat Draw(OreBrand brand, int seed, int width, int rows, double mPerPx, double beltWidthM)
    {
        int total = rows + BlendRows;
        var rng = SimRandom.Create(seed, 606, 0);
        Cv2.SetTheRNG((ulong)SimRandom.Mix(seed, 607, 0)); // OpenCV's RNG is per thread: Randn below is deterministic
        var ore = ItemPalette.Ore(brand);

        // Shading: coarse (~5 cm) and medium (~1 cm) patches and fine grain, multiplied onto the ore colour.
        using var shade = new Mat(total, width, MatType.CV_32FC1, new Scalar(1));
        foreach (var (cell, amount) in new[] { (32, 0.16), (8, 0.10), (1, 0.07) })
        {
            using var small = new Mat(Math.Max(2, total / cell), Math.Max(2, width / cell), MatType.CV_32FC1);
            Cv2.Randn(small, new Scalar(0), new Scalar(amount));
            using var big = new Mat();
            Cv2.Resize(small, big, new Size(width, total), 0, 0, InterpolationFlags.Cubic);
            Cv2.Add(shade, big, shade);
        }

        using var shade3 = new Mat();
        Cv2.Merge([shade, shade, shade], shade3);
        using var baseColour = new Mat(total, width, MatType.CV_32FC3, ore);
        using var lit = new Mat();
        Cv2.Multiply(baseColour, shade3, lit);
        var strip = new Mat();
        lit.ConvertTo(strip, MatType.CV_8UC3);

        // Make the strip periodic: the extra rows (which continue the last row) fade into the first ones.
        var pixels = strip.AsSpan<byte>();
        int stride = width * 3;
        for (int i = 0; i < BlendRows; i++)
        {
            double w = 1 - (i / (double)BlendRows);
            var head = pixels.Slice(i * stride, stride);
            var tail = pixels.Slice((rows + i) * stride, stride);
            for (int j = 0; j < stride; j++)
            {
                head[j] = (byte)Math.Round((w * tail[j]) + ((1 - w) * head[j]));
            }
        }

        Mat result;
        using (var body = strip.RowRange(0, rows))
        {
            result = body.Clone();
        }

        strip.Dispose();

        // Lumps: small stones of the ore, a little lighter or darker than the bed, with a glint.
        int lumps = rows * width / 350;
        for (int i = 0; i < lumps; i++)
        {
            var centre = new Point(rng.Next(width), rng.Next(rows));
            int r = (int)Math.Round(2 + (7 * Math.Pow(rng.NextDouble(), 2.5)));
            var colour = ItemPalette.Scale(ore, rng.Uniform(0.55, 1.45));
            Cv2.Circle(result, centre, r, colour, -1, LineTypes.Link8);
            if (r >= 4)
            {
                Cv2.Circle(result, new Point(centre.X - (r / 3), centre.Y - (r / 3)), 1, ItemPalette.Scale(colour, 1.6), -1);
            }
        }

        DrawSides(result, rng, width, rows, mPerPx, beltWidthM);
        return result;
    }

    private static void DrawSides(Mat strip, Random rng, int width, int rows, double mPerPx, double beltWidthM)
    {
        int centre = width / 2;
        int beltHalf = (int)(beltWidthM / 2 / mPerPx);
        int bedHalf = (int)(0.78 * beltWidthM / 2 / mPerPx);
        var rubber = new Vec3b(34, 34, 36);
        var steel = new Vec3b(88, 92, 96);
        var pixels = strip.AsSpan<Vec3b>();
        double phase = rng.Uniform(0, 6.28);
        for (int y = 0; y < rows; y++)
        {
            // The ragged edge of the bed: a slow periodic wander (period divides the strip, so it wraps).
            double a = 2 * Math.PI * y / rows;
            int wobble = (int)((9 * Math.Sin((7 * a) + phase)) + (4 * Math.Sin((23 * a) + (2 * phase))) + (2 * Math.Sin(61 * a)));
            int left = Math.Max(0, centre - bedHalf + wobble);
            int right = Math.Min(width, centre + bedHalf - wobble);
            int beltLeft = Math.Max(0, centre - beltHalf);
            int beltRight = Math.Min(width, centre + beltHalf);
            var row = pixels.Slice(y * width, width);
            if (beltLeft < left)
            {
                row[beltLeft..left].Fill(rubber);
            }

            if (right < beltRight)
            {
                row[right..beltRight].Fill(rubber);
            }

            if (beltLeft > 0)
            {
                row[..beltLeft].Fill(steel);
                row[(width - beltLeft)..].Fill(steel);
            }
        }
    }
}
