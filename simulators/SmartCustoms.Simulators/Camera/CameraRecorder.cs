using OpenCvSharp;

namespace SmartCustoms.Simulators.Camera;

/// <summary>Writes what a frame source shows into a video file (MJPG in AVI), frame by frame at lane times start + i / fps, as fast as the machine draws.</summary>
public static class CameraRecorder
{
    /// <returns>The number of frames written.</returns>
    public static int Record(ICameraFrameSource source, string path, double seconds, double fps, int width, int height, double startS = 0, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var writer = new VideoWriter(path, FourCC.MJPG, fps, new Size(width, height));
        if (!writer.IsOpened())
        {
            throw new IOException($"Cannot write video file '{path}' (OpenCV could not open an MJPG/AVI writer there).");
        }

        using var frame = new Mat(height, width, MatType.CV_8UC3, Scalar.All(0));
        int n = (int)Math.Round(seconds * fps);
        for (int i = 0; i < n; i++)
        {
            if (!source.Render(startS + (i / fps), frame))
            {
                return i;
            }

            writer.Write(frame);
            progress?.Invoke(i + 1);
        }

        return n;
    }
}
