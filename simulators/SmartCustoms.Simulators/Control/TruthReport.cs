using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Control;

/// <summary>The ground truth of a run as <c>GET /truth</c> returns it (camelCase JSON). Lane times are seconds since the run started.</summary>
public sealed record TruthReport(
    string Scenario,
    string Description,
    int Seed,
    double LaneTimeS,
    DateTimeOffset LaneStartedUtc,
    BrandTruth ActualBrand,
    BrandTruth DeclaredBrand,
    IReadOnlyList<Lot> Lots,
    BeltTruth Belt,
    DeviceTruth DevicePositionsM,
    IReadOnlyList<ItemReport> Items,
    IReadOnlyList<SourceReport> RadiationSources,
    IReadOnlyList<IncrementReport> Increments,
    IReadOnlyList<FaultReport> ActiveFaults);

public sealed record BrandTruth(string Id, string Name, string Family);

/// <param name="TravelM">Belt travel since the run started: items with a belt coordinate below it have been loaded.</param>
public sealed record BeltTruth(double WidthM, double NominalSpeedMps, double NominalFlowTph, double SpeedMps, double FlowTph, double TravelM);

public sealed record DeviceTruth(double Camera, double Nir, double Radiation, double Sampler);

/// <summary>When something passes a device: lane seconds and UTC (null if the belt never gets it there); <paramref name="Passed"/> when that time is already past.</summary>
public sealed record DevicePass(double? LaneS, DateTimeOffset? Utc, bool Passed);

/// <param name="Exposed">Part of the item lies on the surface (buried items are invisible to NIR and camera).</param>
/// <param name="InNirFootprint">Exposed and within the NIR spot's strip across the belt.</param>
/// <param name="InterceptedByIncrement">Number of the increment whose cut took the item, or null.</param>
public sealed record ItemReport(
    string Id,
    string Material,
    string Class,
    string Colour,
    double SizeM,
    double WidthM,
    double AcrossOffsetM,
    double BeltCoordinateM,
    bool Exposed,
    bool InNirFootprint,
    DevicePass Camera,
    DevicePass Nir,
    DevicePass Radiation,
    DevicePass Sampler,
    int? InterceptedByIncrement);

public sealed record SourceReport(string Id, string Nuclide, double BeltCoordinateM, double AcrossOffsetM, double PeakDoseRateNSvH, DevicePass Radiation);

public sealed record IncrementReport(
    int Number,
    uint IncrementId,
    int CommandSequence,
    double CommandedAtS,
    double InStreamFromS,
    double InStreamToS,
    DateTimeOffset InStreamFromUtc,
    double MassKg,
    double BeltFromM,
    double BeltToM,
    IReadOnlyList<string> InterceptedItemIds);

public sealed record FaultReport(string Device, string Kind, double RemainingS, bool Scheduled);
