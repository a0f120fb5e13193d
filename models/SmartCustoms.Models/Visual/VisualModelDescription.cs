namespace SmartCustoms.Models.Visual;

/// <summary>The detector's shape and decoding parameters, read from the model's metadata (thresholds possibly overridden). Immutable.</summary>
/// <param name="ClassNames">Heatmap channels, in order.</param>
/// <param name="InputWidth">Model input width, pixels.</param>
/// <param name="InputHeight">Model input height, pixels.</param>
/// <param name="Stride">Model input pixels per output cell.</param>
/// <param name="Decoding">Threshold, NMS overlap and detection cap.</param>
public sealed record VisualModelDescription(
    IReadOnlyList<string> ClassNames,
    int InputWidth,
    int InputHeight,
    int Stride,
    DetectionDecodingSettings Decoding)
{
    public int GridWidth => InputWidth / Stride;

    public int GridHeight => InputHeight / Stride;

    public int InputLength => InputWidth * InputHeight * 3;
}
