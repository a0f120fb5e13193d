using OpenCvSharp;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Camera;

/// <summary>What the rendered picture shows (no I/O).</summary>
public class BeltSceneRendererTests
{
    private static readonly CameraSimulatorOptions Options = new();

    [Fact]
    public void An_exposed_item_appears_where_the_world_puts_it_and_nowhere_else()
    {
        var contaminated = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated) with { ItemsPerKm = 100 }, seed: 9);
        var clean = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), seed: 9);
        var item = contaminated.ItemsBetween(0, 2000).First(i => i.Exposed && i.SizeM > 0.2 && i.Material != ContaminantMaterial.BlackRubber);
        double t = contaminated.TimeAtDevice(item.BeltCoordinateM, contaminated.Devices.CameraM)!.Value;

        using var withItems = new BeltSceneRenderer(contaminated, Options);
        using var without = new BeltSceneRenderer(clean, Options);
        using var a = new Mat(720, 1280, MatType.CV_8UC3);
        using var b = new Mat(720, 1280, MatType.CV_8UC3);
        withItems.Render(t, a);
        without.Render(t, b);
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        using var grey = new Mat();
        Cv2.CvtColor(diff, grey, ColorConversionCodes.BGR2GRAY);

        double mPerPx = withItems.MetresPerPixel;
        int cx = 640 + (int)(item.AcrossOffsetM / mPerPx);
        int half = (int)(item.WidthM / 2 / mPerPx * 0.5);
        using var centre = new Mat(grey, new Rect(cx - half, 360 - half, 2 * half, 2 * half));
        Assert.True(Cv2.Mean(centre).Val0 > 15, $"item {item.Id} ({item.Material}) not visible at the image centre");

        // Other items of the contaminated world may be in view too: only require most of the frame to be untouched.
        using var changed = new Mat();
        Cv2.Threshold(grey, changed, 10, 255, ThresholdTypes.Binary);
        Assert.True(Cv2.CountNonZero(changed) < 1280 * 720 / 4);
    }

    [Fact]
    public void The_ore_moves_down_the_image_at_belt_speed()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), seed: 4);
        using var renderer = new BeltSceneRenderer(world, Options with { ExposureMs = 0 });
        using var f1 = new Mat(720, 1280, MatType.CV_8UC3);
        using var f2 = new Mat(720, 1280, MatType.CV_8UC3);
        renderer.Render(30.00, f1);
        renderer.Render(30.04, f2);
        int shift = (int)Math.Round(5.0 * 0.04 / renderer.MetresPerPixel); // 0.2 m = 125 px
        using var moved = f2.RowRange(shift, 720);
        using var before = f1.RowRange(0, 720 - shift);
        using var still = f2.RowRange(0, 720 - shift);
        double shifted = Cv2.Norm(moved, before, NormTypes.L1) / moved.Total();
        double unshifted = Cv2.Norm(still, before, NormTypes.L1) / moved.Total();
        Assert.True(shifted < unshifted / 4, $"shifted diff {shifted:F1}, unshifted {unshifted:F1}");
    }

    [Fact]
    public void Brands_look_different_ore_colours()
    {
        var hematite = ItemPalette.Ore(OreBrands.CarajasFines);
        var goethite = ItemPalette.Ore(OreBrands.YandiFines);
        Assert.True(goethite.Val1 > hematite.Val1 + 10, "goethite should be more ochre (more green in BGR) than hematite");
    }

    [Fact]
    public void The_same_seed_renders_the_same_picture()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated) with { ItemsPerKm = 1000 }, seed: 12);
        var again = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated) with { ItemsPerKm = 1000 }, seed: 12);
        var other = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated) with { ItemsPerKm = 1000 }, seed: 13);
        using var a = new Mat(720, 1280, MatType.CV_8UC3);
        using var b = new Mat(720, 1280, MatType.CV_8UC3);
        using var c = new Mat(720, 1280, MatType.CV_8UC3);
        using (var r = new BeltSceneRenderer(world, Options))
        {
            r.Render(17.3, a);
        }

        var thread = new Thread(() =>
        {
            // Another thread: OpenCV's RNG is per thread, the strip must not depend on it.
            using var r = new BeltSceneRenderer(again, Options);
            r.Render(17.3, b);
        });
        thread.Start();
        thread.Join();
        using (var r = new BeltSceneRenderer(other, Options))
        {
            r.Render(17.3, c);
        }

        Assert.Equal(0, Cv2.Norm(a, b, NormTypes.L1));
        Assert.True(Cv2.Norm(a, c, NormTypes.L1) > 0);
    }
}
