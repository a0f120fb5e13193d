using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Core.Segments;
using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Edge.Core;

/// <summary>The lane at one moment (for <c>GET /api/lane</c> and the UI).</summary>
public sealed record LaneSnapshot(
    BeltState Belt,
    LotSnapshot? Lot,
    IReadOnlyList<Alarm> OpenAlarms,
    StackLightState StackLight,
    SamplerStatus Sampler,
    bool EmergencyStop,
    IReadOnlyList<SegmentReport> RecentSegments,
    IReadOnlyList<IncrementRecord> RecentIncrements,
    IReadOnlyList<DeviceHealth> Devices,
    LaneCounters Counters)
{
    /// <summary>Run or maintenance (see <see cref="Mode.LaneModeRules"/>).</summary>
    public Mode.LaneMode Mode { get; init; }

    /// <summary>Who set the mode when and why; null when it has not been set since start.</summary>
    public Mode.LaneModeChange? ModeChange { get; init; }
}
