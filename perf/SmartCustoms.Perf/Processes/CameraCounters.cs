namespace SmartCustoms.Perf.Processes;

/// <summary>
/// The camera as the gateway consumes it (<c>GET /api/camera/{name}</c>): frames seen, the driver's dropped /
/// late / corrupt counters, and the visual detector's frames detected / skipped, whether it is on and its
/// configured rate cap (<c>Models:VisualMaxFramesPerSecond</c>) when the gateway reports them.
/// </summary>
internal sealed record CameraCounters(long FramesSeen, long Dropped, long Late, long Corrupt, long? FramesDetected, long? FramesSkipped,
    bool? VisualEnabled = null, double? VisualMaxFramesPerSecond = null);
