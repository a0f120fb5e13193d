namespace SmartCustoms.Edge.Camera;

/// <summary>A frame kept after the driver's frame was disposed: the JPEG is the view's own copy. Immutable.</summary>
/// <param name="Camera">Camera name (<c>Devices:Camera:Name</c>).</param>
/// <param name="Sequence">The frame's sequence number (the camera's own when <paramref name="SequenceFromDevice"/>).</param>
/// <param name="SequenceFromDevice">True when the camera numbered the frame, false when the driver counted.</param>
/// <param name="HostTime">Wall-clock time the gateway received the frame.</param>
/// <param name="Width">Width in pixels (0 when unknown).</param>
/// <param name="Height">Height in pixels (0 when unknown).</param>
/// <param name="Jpeg">The JPEG bytes; callers must not modify the array.</param>
/// <param name="HostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> when the frame arrived.</param>
/// <param name="CaptureTimestamp">
/// Monotonic timestamp of the capture (the driver's <c>CameraFrame.CaptureTimestamp</c>: the camera's own capture time,
/// or arrival minus <c>Devices:Camera:CaptureLatency</c>); what places detections on the belt. 0 = unknown, use arrival.
/// </param>
internal sealed record CameraSnapshot(
    string Camera,
    ulong Sequence,
    bool SequenceFromDevice,
    DateTimeOffset HostTime,
    int Width,
    int Height,
    byte[] Jpeg,
    long HostTimestamp = 0,
    long CaptureTimestamp = 0)
{
    /// <summary>When the image was taken (monotonic): the capture timestamp when known, else arrival.</summary>
    public long TakenAt => CaptureTimestamp != 0 ? CaptureTimestamp : HostTimestamp;
}
