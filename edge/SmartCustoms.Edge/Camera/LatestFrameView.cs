using SmartCustoms.Drivers.Abstractions.Camera;

namespace SmartCustoms.Edge.Camera;

/// <summary>
/// The camera's latest frame (a copy of its JPEG: the driver's frame buffers are pooled and go back when the
/// frame is disposed) and the frame rate, for the lane view and <c>/api/camera/{name}/snapshot.jpg</c>.
/// Thread-safe: one writer (the camera worker), any number of readers; a reader always sees one whole frame.
/// </summary>
internal sealed class LatestFrameView(TimeProvider time)
{
    private readonly FrameRateMeter _rate = new(time.TimestampFrequency);
    private volatile CameraSnapshot? _latest;

    /// <summary>The latest frame, or null before the first one.</summary>
    public CameraSnapshot? Latest => _latest;

    /// <summary>Frames per second over the last completed window of about 1 s (0 before it ends, and after a stall).</summary>
    public double FramesPerSecond => _rate.FramesPerSecondAt(time.GetTimestamp());

    /// <summary>Frames seen since start.</summary>
    public long FramesSeen => _rate.Frames;

    /// <summary>Copies what is needed out of <paramref name="frame"/> (the caller still disposes the frame).</summary>
    public void Update(CameraFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _latest = new CameraSnapshot(
            frame.CameraName, frame.Sequence, frame.SequenceFromDevice, frame.HostTime, frame.Width, frame.Height, frame.Jpeg.ToArray(), frame.HostTimestamp,
            frame.CaptureTimestamp);
        _rate.Count(time.GetTimestamp());
    }
}
