namespace SmartCustoms.Simulators.World;

/// <summary>
/// Ground truth of one item for evaluation and <c>GET /truth</c>: when it passes each device (lane
/// seconds; null if the belt never brings it there) and whether the NIR footprint could see it.
/// </summary>
/// <param name="CrossesNirFootprint">True when the item is exposed and its across-belt extent overlaps the NIR footprint.</param>
public sealed record ItemTruth(
    ContaminantItem Item,
    double? AtCameraS,
    double? AtNirS,
    double? AtRadiationS,
    double? AtSamplerS,
    bool CrossesNirFootprint);
