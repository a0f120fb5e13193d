namespace SmartCustoms.Models.Visual;

/// <summary>One item the visual detector found in a frame. Immutable.</summary>
/// <param name="ClassName">Contaminant class (<c>plastic</c>, <c>rubber</c>, <c>cellulose</c>, <c>other_organic</c>, <c>metal</c>).</param>
/// <param name="Score">The class's centre probability at the peak (0-1).</param>
/// <param name="Box">The item's box in the pixels of the frame that was given (not the model's input).</param>
/// <param name="WidthCm">Box width on the belt (across), cm, from the camera scale.</param>
/// <param name="LengthCm">Box height in the image = length along the belt, cm.</param>
public sealed record DebrisDetection(string ClassName, float Score, PixelBox Box, double WidthCm, double LengthCm)
{
    /// <summary>The larger side of the box, cm.</summary>
    public double SizeCm => Math.Max(WidthCm, LengthCm);
}
