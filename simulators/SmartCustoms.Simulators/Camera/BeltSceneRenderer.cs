using OpenCvSharp;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// Renders what the camera at the world's camera position sees at a lane time: the ore strip scrolled
/// by belt travel (two row-block copies, so a frame costs little), every exposed item in view drawn from
/// its cached sprite, slow lighting drift plus mains flicker, and vertical motion blur of
/// speed × exposure. Belt moves down the image. Not thread-safe (one producer loop).
/// </summary>
public sealed class BeltSceneRenderer : ICameraFrameSource
{
    private const int StripRows = 4096;
    private const double MaxItemM = 0.65;

    private readonly LaneWorld _world;
    private readonly CameraSimulatorOptions _options;
    private readonly double _mPerPx;
    private readonly Lazy<OreTextureStrip> _strip;
    private readonly Lazy<Mat> _blurredStrip;
    private readonly int _nominalBlurPx;
    private readonly Dictionary<string, ItemSprite> _sprites = new(StringComparer.Ordinal);

    public BeltSceneRenderer(LaneWorld world, CameraSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        _world = world;
        _options = options;
        _mPerPx = options.FieldOfViewAcrossM / options.Width;

        // Drawn on first use: a camera nobody watches costs no CPU or memory.
        _strip = new Lazy<OreTextureStrip>(() => new OreTextureStrip(world.Scenario.ActualBrand, world.Seed, options.Width, StripRows, _mPerPx, world.Belt.WidthM));

        // Most frames are taken at nominal speed: blur the strip once for that speed (wrapping, so the
        // seam stays invisible) instead of blurring every frame.
        _nominalBlurPx = BlurPx(world.Belt.NominalSpeedMps);
        _blurredStrip = new Lazy<Mat>(() =>
        {
            var sharp = _strip.Value.Strip;
            int pad = _nominalBlurPx;
            using var padded = new Mat();
            Cv2.CopyMakeBorder(sharp, padded, pad, pad, 0, 0, BorderTypes.Wrap);
            Cv2.Blur(padded, padded, new Size(1, Math.Max(1, _nominalBlurPx)));
            using var body = padded.RowRange(pad, pad + sharp.Rows);
            return body.Clone();
        });
    }

    public double MetresPerPixel => _mPerPx;

    /// <summary>Exposed items whose picture overlaps the frame at a lane time.</summary>
    public IReadOnlyList<ContaminantItem> ItemsInView(double laneTimeS)
    {
        double travel = _world.BeltTravelAt(laneTimeS);
        double half = _options.Height / 2.0 * _mPerPx;
        double centre = travel - _world.Devices.CameraM;
        return [.. _world.ItemsBetween(centre - half - MaxItemM, centre + half + MaxItemM).Where(i => i.Exposed)];
    }

    public bool Render(double laneTimeS, Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int w = _options.Width;
        int h = _options.Height;
        var strip = _strip.Value;
        double travel = _world.BeltTravelAt(laneTimeS);
        double speed = _world.Profile.SpeedAt(laneTimeS);
        int blurPx = BlurPx(speed);
        bool preBlurred = blurPx >= 2 && blurPx == _nominalBlurPx;
        var source = preBlurred ? _blurredStrip.Value : strip.Strip;

        // Lighting: slow drift (clouds, lamp warm-up) and 100 Hz flicker beating against the frame rate;
        // applied while copying the strip, so it costs no extra pass over the frame.
        double gain = 1 + (0.07 * Math.Sin(2 * Math.PI * laneTimeS / 11)) + (0.025 * Math.Sin(2 * Math.PI * laneTimeS * 100 / _options.Fps / 7.3));

        // Row y shows belt coordinate s(y) = travel − cameraM − (y − h/2)·m/px; the strip is stored with
        // q = −s/(m/px) so that consecutive frame rows are consecutive strip rows.
        double sTop = travel - _world.Devices.CameraM + (h / 2.0 * _mPerPx);
        int q0 = Mod((long)Math.Floor(-sTop / _mPerPx), strip.Rows);
        int first = Math.Min(h, strip.Rows - q0);
        using (var dst = frame.RowRange(0, first))
        using (var src = source.RowRange(q0, q0 + first))
        {
            src.ConvertTo(dst, MatType.CV_8UC3, gain, 0);
        }

        if (first < h)
        {
            using var dst = frame.RowRange(first, h);
            using var src = source.RowRange(0, h - first);
            src.ConvertTo(dst, MatType.CV_8UC3, gain, 0);
        }

        var inView = ItemsInView(laneTimeS);
        foreach (var item in inView)
        {
            DrawItem(frame, item, travel, gain, preBlurred ? blurPx : 0);
        }

        ForgetPassedItems(inView);

        // Motion blur: the belt moves speed × exposure during the exposure (already in the strip and
        // the items at nominal speed; the whole frame otherwise, e.g. while the belt ramps).
        if (blurPx >= 2 && !preBlurred)
        {
            Cv2.Blur(frame, frame, new Size(1, blurPx));
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var sprite in _sprites.Values)
        {
            sprite.Dispose();
        }

        _sprites.Clear();
        if (_blurredStrip.IsValueCreated)
        {
            _blurredStrip.Value.Dispose();
        }

        if (_strip.IsValueCreated)
        {
            _strip.Value.Dispose();
        }
    }

    private static int Mod(long a, int m) => (int)(((a % m) + m) % m);

    private int BlurPx(double speedMps) => (int)Math.Round(speedMps * _options.ExposureMs / 1000 / _mPerPx);

    private void DrawItem(Mat frame, ContaminantItem item, double travel, double gain, int blurPx)
    {
        if (!_sprites.TryGetValue(item.Id, out var sprite))
        {
            sprite = ItemSprite.Create(item, _mPerPx);
            _sprites[item.Id] = sprite;
        }

        double lanePos = travel - item.BeltCoordinateM;
        int cy = (int)Math.Round((_options.Height / 2.0) + ((lanePos - _world.Devices.CameraM) / _mPerPx));
        int cx = (int)Math.Round((_options.Width / 2.0) + (item.AcrossOffsetM / _mPerPx));
        int side = sprite.Side;
        var target = new Rect(cx - (side / 2), cy - (side / 2), side, side);
        var visible = target & new Rect(0, 0, _options.Width, _options.Height);
        if (visible.Width <= 0 || visible.Height <= 0)
        {
            return;
        }

        var inSprite = new Rect(visible.X - target.X, visible.Y - target.Y, visible.Width, visible.Height);
        using var dst = new Mat(frame, visible);
        using var src = new Mat(sprite.Image, inSprite);
        using var mask = new Mat(sprite.Mask, inSprite);
        using var lit = new Mat();
        src.ConvertTo(lit, MatType.CV_8UC3, gain, 0);
        if (blurPx >= 2)
        {
            // The ore's blur is already in the pre-blurred strip: blur the item to match (its outline stays crisp).
            Cv2.Blur(lit, lit, new Size(1, blurPx));
        }

        lit.CopyTo(dst, mask);
    }

    private void ForgetPassedItems(IReadOnlyList<ContaminantItem> inView)
    {
        if (_sprites.Count <= inView.Count + 32)
        {
            return;
        }

        var keep = inView.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _sprites.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _sprites[id].Dispose();
            _sprites.Remove(id);
        }
    }
}
