using OpenCvSharp;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Perf.Bare;

/// <summary>A belt-camera JPEG as the simulated camera sends it (1280×720, its quality), with items in view.</summary>
internal static class BeltFrame
{
    public static byte[] Jpeg(double laneTimeS = 10)
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated), 1);
        var options = new CameraSimulatorOptions();
        using var renderer = new BeltSceneRenderer(world, options);
        using var frame = new Mat(options.Height, options.Width, MatType.CV_8UC3);
        renderer.Render(laneTimeS, frame);
        Cv2.ImEncode(".jpg", frame, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, options.JpegQuality));
        return jpeg;
    }
}
