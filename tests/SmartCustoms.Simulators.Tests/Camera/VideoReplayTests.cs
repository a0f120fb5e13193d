using OpenCvSharp;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Camera;

/// <summary>Recording the camera's view to an MJPG/AVI file and replaying it as the camera's picture.</summary>
public sealed class VideoReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-video-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_recorded_file_replays_frame_by_frame_and_loops()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated), seed: 2);
        var options = new CameraSimulatorOptions { Width = 320, Height = 180, FieldOfViewAcrossM = 2.05 };
        string path = Path.Combine(_dir, "belt.avi");
        using (var renderer = new BeltSceneRenderer(world, options))
        {
            Assert.Equal(10, CameraRecorder.Record(renderer, path, seconds: 0.4, fps: 25, options.Width, options.Height, startS: 10));
        }

        using var replay = new VideoFileFrameSource(path);
        Assert.Equal(10, replay.FrameCount);
        using var frame = new Mat(180, 320, MatType.CV_8UC3);
        using var first = new Mat();
        Assert.True(replay.Render(0, frame));
        frame.CopyTo(first);
        for (int i = 1; i < 10; i++)
        {
            Assert.True(replay.Render(0, frame));
        }

        Assert.True(replay.Render(0, frame)); // frame 11 = frame 1 again
        Assert.True(Cv2.Norm(frame, first, NormTypes.L1) / frame.Total() < 1.0);
        Assert.True(Cv2.Mean(frame).Val2 > 20, "the replayed picture is the ore, not black");
    }

    [Fact]
    public void A_file_that_is_not_a_video_is_refused_with_its_name()
    {
        string path = Path.Combine(_dir, "notes.avi");
        File.WriteAllText(path, "not a video");
        var ex = Assert.Throws<InvalidDataException>(() => new VideoFileFrameSource(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
