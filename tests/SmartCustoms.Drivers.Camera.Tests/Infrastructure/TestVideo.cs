using OpenCvSharp;

namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>A small MJPG-in-AVI file written with OpenCV's VideoWriter (MJPG needs no external codec; H.264 does).</summary>
internal sealed class TestVideo : IDisposable
{
    private readonly string _directory;

    private TestVideo(string directory, string path, int frames)
    {
        _directory = directory;
        Path = path;
        Frames = frames;
    }

    public string Path { get; }

    public int Frames { get; }

    public static TestVideo Write(int frames = 10, int width = 320, int height = 240, double fps = 25)
    {
        var directory = Directory.CreateTempSubdirectory("sc-camera-test-").FullName;
        var path = System.IO.Path.Combine(directory, "belt.avi");
        using (var writer = new VideoWriter(path, FourCC.FromFourChars('M', 'J', 'P', 'G'), fps, new Size(width, height)))
        {
            Assert.True(writer.IsOpened(), "OpenCV could not open a VideoWriter for MJPG/AVI");
            for (var i = 0; i < frames; i++)
            {
                using var image = TestImages.Pattern(width, height, i);
                writer.Write(image);
            }
        }

        return new TestVideo(directory, path, frames);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
