namespace SmartCustoms.Models.Visual;

/// <summary>How the detector's grid outputs become detections. Immutable.</summary>
/// <param name="ScoreThreshold">A cell is a detection when its best class score reaches this (0-1).</param>
/// <param name="NmsIou">Of two overlapping detections the weaker is dropped when their boxes overlap by more than this IoU.</param>
/// <param name="MaxDetections">Most candidates considered per frame (best first).</param>
public sealed record DetectionDecodingSettings(float ScoreThreshold, float NmsIou, int MaxDetections);
