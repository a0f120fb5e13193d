namespace SmartCustoms.Simulators.Camera;

/// <summary>What was drawn into one detector frame and under which conditions.</summary>
public sealed record DetectorFrameTruth(int Index, string Brand, double Gain, double SpeedMps, int BlurPx, IReadOnlyList<DetectorTruthBox> Boxes);
