namespace SmartCustoms.Edge.Video;

/// <summary>
/// The visual model's detections for a camera frame, for the video overlay. Registered by whoever runs the
/// visual model; without one the video is shown without boxes (nothing is drawn rather than made up).
/// Implementations must be thread-safe and return quickly (called once per streamed frame).
/// </summary>
internal interface IFrameDetections
{
    /// <summary>Boxes found on frame <paramref name="sequence"/> of <paramref name="camera"/>, or null when that frame was not (yet) classified.</summary>
    IReadOnlyList<OverlayBox>? For(string camera, ulong sequence);
}
