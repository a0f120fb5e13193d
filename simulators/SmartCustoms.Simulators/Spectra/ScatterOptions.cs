namespace SmartCustoms.Simulators.Spectra;

/// <summary>
/// Sample-to-sample scatter and baseline effects (particle size, packing, distance to the probe):
/// R' = a·R + b + c·(λ − 1,500 nm)/1,000 nm, with a ~ N(1, <see cref="MultiplicativeSd"/>),
/// b ~ N(0, <see cref="OffsetSd"/>), c ~ N(0, <see cref="SlopeSd"/>).
/// </summary>
public sealed record ScatterOptions(double MultiplicativeSd = 0.06, double OffsetSd = 0.004, double SlopeSd = 0.008)
{
    public static ScatterOptions None { get; } = new(0, 0, 0);
}
