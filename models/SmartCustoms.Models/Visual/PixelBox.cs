namespace SmartCustoms.Models.Visual;

/// <summary>An axis-aligned box in frame pixels (x right, y down; X1/Y1 exclusive).</summary>
public readonly record struct PixelBox(float X0, float Y0, float X1, float Y1)
{
    public float Width => X1 - X0;

    public float Height => Y1 - Y0;

    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>Intersection over union; 0 for boxes that do not overlap or have no area.</summary>
    public float IntersectionOverUnion(PixelBox other)
    {
        var iw = Math.Min(X1, other.X1) - Math.Max(X0, other.X0);
        var ih = Math.Min(Y1, other.Y1) - Math.Max(Y0, other.Y0);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }

        var inter = iw * ih;
        var union = Area + other.Area - inter;
        return union > 0 ? inter / union : 0;
    }
}
