using SmartCustoms.Models.Loading;

namespace SmartCustoms.Models.Visual;

/// <summary>Everything the detector found in one frame, and which model file ran. Immutable.</summary>
/// <param name="FrameWidth">Width of the frame the boxes refer to, pixels.</param>
/// <param name="FrameHeight">Height of the frame, pixels.</param>
/// <param name="Detections">Best first, after NMS and the score threshold.</param>
/// <param name="InferenceMs">Preprocessing + model + decoding time, ms (monotonic clock).</param>
/// <param name="Model">Id, version and SHA-256 of the model that ran.</param>
public sealed record FrameDetections(int FrameWidth, int FrameHeight, IReadOnlyList<DebrisDetection> Detections, double InferenceMs, ModelIdentity Model);
