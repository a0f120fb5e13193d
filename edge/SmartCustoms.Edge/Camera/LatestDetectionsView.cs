using SmartCustoms.Edge.Video;

namespace SmartCustoms.Edge.Camera;

/// <summary>
/// The visual detector's latest results: <see cref="Latest"/> for the UI and the API, the results of the last
/// few frames by sequence for the video overlay (<see cref="IFrameDetections"/>: a box drawn on another frame
/// than its own would be off by the belt's travel between the two, ~20 cm per frame at 5 m/s), and counters.
/// Thread-safe: one writer (the camera worker's detection loop), any number of readers.
/// </summary>
public sealed class LatestDetectionsView : IFrameDetections
{
    private const int Kept = 64;

    private readonly Lock _gate = new();
    private readonly CameraDetections?[] _recent = new CameraDetections?[Kept];
    private volatile CameraDetections? _latest;
    private long _framesDetected;
    private long _framesSkipped;
    private long _framesRefused;
    private long _itemsReported;

    /// <summary>The result of the last frame run through the detector, or null before the first one.</summary>
    public CameraDetections? Latest => _latest;

    /// <summary>True when a visual model is loaded and frames are being run through it.</summary>
    public bool Enabled { get; internal set; }

    /// <summary>Frames run through the detector.</summary>
    public long FramesDetected => Interlocked.Read(ref _framesDetected);

    /// <summary>Frames not run because the detector was busy or the rate limit (<c>Models:VisualMaxFramesPerSecond</c>) applied.</summary>
    public long FramesSkipped => Interlocked.Read(ref _framesSkipped);

    /// <summary>Frames the detector refused (undecodable JPEG).</summary>
    public long FramesRefused => Interlocked.Read(ref _framesRefused);

    /// <summary>Detections passed to the lane core (each item once, however many frames show it).</summary>
    public long ItemsReported => Interlocked.Read(ref _itemsReported);

    /// <summary>The result for one frame, when that frame was run through the detector and is still among the last 64.</summary>
    public CameraDetections? ForFrame(string camera, ulong sequence)
    {
        lock (_gate)
        {
            var entry = _recent[(int)(sequence % Kept)];
            return entry is not null && entry.Sequence == sequence && string.Equals(entry.Camera, camera, StringComparison.Ordinal) ? entry : null;
        }
    }

    IReadOnlyList<OverlayBox>? IFrameDetections.For(string camera, ulong sequence)
    {
        var result = ForFrame(camera, sequence);
        if (result is null || result.FrameWidth <= 0 || result.FrameHeight <= 0)
        {
            return null;
        }

        double w = result.FrameWidth, h = result.FrameHeight;
        return [.. result.Items.Select(i => new OverlayBox(i.X0 / w, i.Y0 / h, (i.X1 - i.X0) / w, (i.Y1 - i.Y0) / h, i.ClassName, i.Score, Contaminant: true))];
    }

    internal void Publish(CameraDetections result, int reported)
    {
        lock (_gate)
        {
            _recent[(int)(result.Sequence % Kept)] = result;
        }

        _latest = result;
        Interlocked.Increment(ref _framesDetected);
        Interlocked.Add(ref _itemsReported, reported);
    }

    internal void CountSkipped() => Interlocked.Increment(ref _framesSkipped);

    internal void CountRefused() => Interlocked.Increment(ref _framesRefused);
}
