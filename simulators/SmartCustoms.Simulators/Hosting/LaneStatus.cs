using SmartCustoms.Simulators.Sampler;

namespace SmartCustoms.Simulators.Hosting;

/// <summary>The lane at a glance (scsim's status table, <c>GET /status</c>).</summary>
public sealed record LaneStatus(
    string Scenario,
    int Seed,
    double LaneTimeS,
    double BeltSpeedMps,
    double FlowTph,
    int ItemsPastCamera,
    SamplerState? SamplerState,
    uint? IncrementsCut,
    double? DoseRateNSvH,
    IReadOnlyList<DeviceStatus> Devices);
