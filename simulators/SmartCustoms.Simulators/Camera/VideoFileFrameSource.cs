using OpenCvSharp;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// Replays a recorded video (e.g. an MJPG .avi from <c>scsim camera --record</c>) as the camera's
/// picture, frame after frame at the camera's rate, looping at the end; frames of another size are
/// scaled to the camera's. Not thread-safe.
/// </summary>
public sealed class VideoFileFrameSource : ICameraFrameSource
{
    private readonly VideoCapture _capture;
    private readonly Mat _read = new();
    private readonly bool _loop;

    public VideoFileFrameSource(string path, bool loop = true)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Video file '{path}' does not exist.", path);
        }

        _capture = new VideoCapture(path);
        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            throw new InvalidDataException($"Video file '{path}' cannot be opened as a video (OpenCV found no decoder for it).");
        }

        _loop = loop;
        FrameCount = (int)_capture.Get(VideoCaptureProperties.FrameCount);
        Fps = _capture.Get(VideoCaptureProperties.Fps);
    }

    public int FrameCount { get; }

    public double Fps { get; }

    public bool Render(double laneTimeS, Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!_capture.Read(_read) || _read.Empty())
        {
            if (!_loop)
            {
                return false;
            }

            _capture.Set(VideoCaptureProperties.PosFrames, 0);
            if (!_capture.Read(_read) || _read.Empty())
            {
                return false;
            }
        }

        if (_read.Size() == frame.Size())
        {
            _read.CopyTo(frame);
        }
        else
        {
            Cv2.Resize(_read, frame, frame.Size());
        }

        return true;
    }

    public void Dispose()
    {
        _read.Dispose();
        _capture.Dispose();
    }
}
