namespace SmartCustoms.Edge.Camera;

/// <summary>
/// The visual detector's result for one camera frame: what the UI overlay draws. Immutable; read it from
/// <see cref="LatestDetectionsView"/>. Boxes are in the pixels of the frame (<see cref="FrameWidth"/> ×
/// <see cref="FrameHeight"/>), so an overlay scales them by its own display size.
/// </summary>
/// <param name="Camera">Camera name.</param>
/// <param name="Sequence">The frame's sequence number (as in <see cref="CameraSnapshot.Sequence"/>).</param>
/// <param name="HostTime">Wall-clock time the frame arrived.</param>
/// <param name="FrameWidth">Frame width, pixels.</param>
/// <param name="FrameHeight">Frame height, pixels.</param>
/// <param name="Items">The items found, best first (empty when the frame is clean).</param>
/// <param name="InferenceMs">Decode + model + post-processing time for this frame, ms.</param>
/// <param name="ModelId">Detector model id.</param>
/// <param name="ModelVersion">Detector model version.</param>
/// <param name="ModelSha256">SHA-256 of the detector file that ran.</param>
public sealed record CameraDetections(
    string Camera,
    ulong Sequence,
    DateTimeOffset HostTime,
    int FrameWidth,
    int FrameHeight,
    IReadOnlyList<DetectedItem> Items,
    double InferenceMs,
    string ModelId,
    string ModelVersion,
    string ModelSha256);
