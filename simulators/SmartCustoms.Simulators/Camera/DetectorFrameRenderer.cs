using OpenCvSharp;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// Renders labelled frames for training and testing the visual debris detector with the camera
/// simulator's own parts (<see cref="OreTextureStrip"/>, <see cref="ItemSprite"/>, the same lighting gain
/// and vertical motion blur as <see cref="BeltSceneRenderer"/>), but with items placed at random on a
/// random stretch of the belt and the conditions of a <see cref="DetectorFrameConditions"/>, so one
/// frame costs a few ms and every frame is independent. Deterministic for a seed. Not thread-safe.
/// </summary>
public sealed class DetectorFrameRenderer : IDisposable
{
    private const int StripRows = 4096;
    private const double BeltWidthM = 1.8;

    private readonly DetectorFrameConditions _conditions;
    private readonly CameraSimulatorOptions _camera;
    private readonly int _seed;
    private readonly double _mPerPx;
    private readonly Dictionary<string, OreTextureStrip> _strips = new(StringComparer.Ordinal);
    private readonly ContaminantMaterial[] _materials;

    public DetectorFrameRenderer(DetectorFrameConditions conditions, CameraSimulatorOptions camera, int seed)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(camera);
        _conditions = conditions;
        _camera = camera;
        _seed = seed;
        _mPerPx = camera.FieldOfViewAcrossM / camera.Width;
        _materials = conditions.Materials.Count > 0 ? [.. conditions.Materials] : [.. ContaminantMaterials.All];
    }

    public double MetresPerPixel => _mPerPx;

    /// <summary>Renders frame <paramref name="index"/> into <paramref name="frame"/> (BGR, camera size) and returns its truth.</summary>
    public DetectorFrameTruth Render(int index, Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int w = _camera.Width;
        int h = _camera.Height;
        frame.Create(h, w, MatType.CV_8UC3);
        var rng = SimRandom.Create(_seed, 4242, index);
        var brand = _conditions.Brands[rng.Next(_conditions.Brands.Count)];
        var strip = StripOf(brand);
        int q0 = rng.Next(strip.Rows - h);
        using (var src = strip.Strip.RowRange(q0, q0 + h))
        {
            src.CopyTo(frame);
        }

        var boxes = new List<DetectorTruthBox>();
        if (rng.NextDouble() >= _conditions.CleanFraction)
        {
            int count = 1 + rng.Next(_conditions.MaxItems);
            var taken = new List<Rect>();
            for (int i = 0; i < count; i++)
            {
                if (PlaceItem(frame, rng, index, i, taken) is { } box)
                {
                    boxes.Add(box);
                }
            }
        }

        // Light: overall gain (drift, flicker) and, for held-out sets, a colour cast; then the belt's motion blur.
        double gain = rng.Uniform(_conditions.GainMin, _conditions.GainMax);
        double cast = _conditions.ColourCast;
        var perChannel = new Scalar(
            gain * (1 + rng.Uniform(-cast, cast)),
            gain * (1 + rng.Uniform(-cast, cast)),
            gain * (1 + rng.Uniform(-cast, cast)));
        Cv2.Multiply(frame, perChannel, frame);
        double speed = rng.Uniform(_conditions.SpeedMinMps, _conditions.SpeedMaxMps);
        int blurPx = (int)Math.Round(speed * _camera.ExposureMs / 1000 / _mPerPx);
        if (blurPx >= 2)
        {
            Cv2.Blur(frame, frame, new Size(1, blurPx));
        }

        return new DetectorFrameTruth(index, brand.Id, gain, speed, blurPx, boxes);
    }

    public void Dispose()
    {
        foreach (var strip in _strips.Values)
        {
            strip.Dispose();
        }

        _strips.Clear();
    }

    private OreTextureStrip StripOf(OreBrand brand)
    {
        if (!_strips.TryGetValue(brand.Id, out var strip))
        {
            // One strip per brand and set seed: sets with other seeds see other ore.
            strip = new OreTextureStrip(brand, SimRandom.Mix(_seed, 4243, _strips.Count), _camera.Width, StripRows, _mPerPx, BeltWidthM);
            _strips[brand.Id] = strip;
        }

        return strip;
    }

    private DetectorTruthBox? PlaceItem(Mat frame, Random rng, int index, int i, List<Rect> taken)
    {
        var material = _materials[rng.Next(_materials.Length)];
        var colours = ContaminantMaterials.TypicalColours(material);
        var colour = colours[rng.Next(colours.Count)];
        double size = _conditions.SizeMinM * Math.Pow(_conditions.SizeMaxM / _conditions.SizeMinM, rng.NextDouble());
        double width = size * rng.Uniform(0.3, 1.0);
        var item = new ContaminantItem($"det-{_seed}-{index:D6}-{i}", material, colour, 0, 0, size, width, Exposed: true);
        using var sprite = ItemSprite.Create(item, _mPerPx);
        int side = sprite.Side;

        // Items lie on the ore bed (78 % of the belt width), anywhere along the frame, cut at the top and bottom edges.
        double bedHalfPx = 0.78 * BeltWidthM / 2 / _mPerPx;
        int cx = (int)Math.Round((_camera.Width / 2.0) + rng.Uniform(-bedHalfPx + (side / 4.0), bedHalfPx - (side / 4.0)));
        int cy = (int)Math.Round(rng.Uniform(-side / 3.0, _camera.Height + (side / 3.0)));
        var target = new Rect(cx - (side / 2), cy - (side / 2), side, side);
        if (taken.Any(t => (t & target).Width > 0))
        {
            return null; // No overlapping items (the camera simulator never overlaps them either).
        }

        var visible = target & new Rect(0, 0, _camera.Width, _camera.Height);
        if (visible.Width <= 0 || visible.Height <= 0)
        {
            return null;
        }

        taken.Add(target);
        var inSprite = new Rect(visible.X - target.X, visible.Y - target.Y, visible.Width, visible.Height);
        using var dst = new Mat(frame, visible);
        using var src = new Mat(sprite.Image, inSprite);
        using var mask = new Mat(sprite.Mask, inSprite);
        src.CopyTo(dst, mask);

        int total = Cv2.CountNonZero(sprite.Mask);
        int shown = Cv2.CountNonZero(mask);
        if (shown == 0 || total == 0)
        {
            return null;
        }

        var bounds = Cv2.BoundingRect(mask);
        return new DetectorTruthBox(
            item,
            visible.X + bounds.X,
            visible.Y + bounds.Y,
            visible.X + bounds.X + bounds.Width,
            visible.Y + bounds.Y + bounds.Height,
            shown / (double)total);
    }
}
