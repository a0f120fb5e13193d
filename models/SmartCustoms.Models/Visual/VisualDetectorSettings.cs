namespace SmartCustoms.Models.Visual;

/// <summary>How the visual detector is run (from <see cref="ModelOptions"/>). Immutable.</summary>
public sealed record VisualDetectorSettings
{
    /// <summary>ONNX Runtime intra-op threads.</summary>
    public int IntraOpThreads { get; init; } = 2;

    /// <summary>Overrides the score threshold stored in the model (0-1); null keeps the model's.</summary>
    public float? ScoreThreshold { get; init; }

    /// <summary>Overrides the NMS overlap stored in the model (0-1); null keeps the model's.</summary>
    public float? NmsIou { get; init; }

    /// <summary>Width of belt seen across the whole image, m: gives the sizes in cm at any frame resolution (2.05 m, DOMAIN.md).</summary>
    public double FieldOfViewAcrossM { get; init; } = 2.05;
}
