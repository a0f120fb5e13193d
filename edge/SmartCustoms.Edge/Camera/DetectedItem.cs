namespace SmartCustoms.Edge.Camera;

/// <summary>One item the visual detector found in a camera frame (for the UI overlay and the API). Immutable.</summary>
/// <param name="ClassName">Contaminant class: <c>plastic</c>, <c>rubber</c>, <c>cellulose</c>, <c>other_organic</c> or <c>metal</c>.</param>
/// <param name="Score">Detection confidence 0-1 (already above the model's threshold).</param>
/// <param name="X0">Left edge, frame pixels.</param>
/// <param name="Y0">Top edge, frame pixels.</param>
/// <param name="X1">Right edge, frame pixels.</param>
/// <param name="Y1">Bottom edge, frame pixels.</param>
/// <param name="WidthCm">Box width across the belt, cm.</param>
/// <param name="LengthCm">Box length along the belt, cm.</param>
/// <param name="OffsetAlongBeltM">Box centre relative to the camera's reference line (image centre row), m, downstream positive.</param>
/// <param name="ReportedToLane">True when this detection was passed to the lane core (false: the same item was already reported from an earlier frame).</param>
public sealed record DetectedItem(
    string ClassName,
    double Score,
    double X0,
    double Y0,
    double X1,
    double Y1,
    double WidthCm,
    double LengthCm,
    double OffsetAlongBeltM,
    bool ReportedToLane);
