namespace SmartCustoms.Edge.Video;

/// <summary>One detection box to draw on a frame, in fractions of the frame (0-1, origin top left). Immutable.</summary>
/// <param name="Left">Left edge / frame width.</param>
/// <param name="Top">Top edge / frame height.</param>
/// <param name="Width">Box width / frame width.</param>
/// <param name="Height">Box height / frame height.</param>
/// <param name="Label">What was detected (class name).</param>
/// <param name="Score">Confidence 0-1.</param>
/// <param name="Contaminant">True draws the box red (contaminant), false amber.</param>
internal sealed record OverlayBox(double Left, double Top, double Width, double Height, string Label, double Score, bool Contaminant);
