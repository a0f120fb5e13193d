using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Control;

/// <summary>Builds a <see cref="TruthReport"/> from a world at a lane time. Pure (reads only); thread-safe.</summary>
public static class TruthReportBuilder
{
    /// <param name="aheadS">Also list items loaded within this many seconds at nominal speed after now (what is coming).</param>
    public static TruthReport Build(LaneWorld world, double laneTimeS, DateTimeOffset laneStartedUtc, IEnumerable<DeviceFaultInjector> faults, double aheadS = 0)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(faults);
        double travel = world.BeltTravelAt(laneTimeS);
        double loadedTo = travel + (Math.Max(0, aheadS) * world.Belt.NominalSpeedMps);
        DevicePass Pass(double? at) => new(at, at is { } s ? laneStartedUtc.AddSeconds(s) : null, at is { } p && p <= laneTimeS);
        var d = world.Devices;
        var items = world.ItemsBetween(0, loadedTo).Select(item =>
        {
            var truth = world.Truth(item);
            return new ItemReport(
                item.Id,
                ContaminantMaterials.WireName(item.Material),
                ContaminantMaterials.WireName(item.Class),
                item.Colour.ToString().ToLowerInvariant(),
                Math.Round(item.SizeM, 4),
                Math.Round(item.WidthM, 4),
                Math.Round(item.AcrossOffsetM, 4),
                Math.Round(item.BeltCoordinateM, 4),
                item.Exposed,
                truth.CrossesNirFootprint,
                Pass(truth.AtCameraS),
                Pass(truth.AtNirS),
                Pass(truth.AtRadiationS),
                Pass(truth.AtSamplerS),
                world.Increments.InterceptedBy(item.Id));
        }).ToList();
        var sources = world.SourcesBetween(0, loadedTo).Select(s => new SourceReport(
            s.Id, s.Nuclide, Math.Round(s.BeltCoordinateM, 4), Math.Round(s.AcrossOffsetM, 4), Math.Round(s.DoseRateAtMonitorNSvH, 1), Pass(world.TimeAtDevice(s.BeltCoordinateM, d.RadiationM)))).ToList();
        var increments = world.Increments.Snapshot().Select(i => new IncrementReport(
            i.Number, i.IncrementId, i.CommandSequence, i.CommandedAtS, i.InStreamFromS, i.InStreamToS, laneStartedUtc.AddSeconds(i.InStreamFromS),
            Math.Round(i.MassKg, 2), Math.Round(i.BeltFromM, 4), Math.Round(i.BeltToM, 4), i.InterceptedItemIds)).ToList();
        var active = faults.SelectMany(f => f.Snapshot())
            .Select(f => new FaultReport(f.Device, DeviceFaultKinds.WireName(f.Kind), Math.Round(f.Remaining.TotalSeconds, 1), f.Scheduled)).ToList();
        var sc = world.Scenario;
        return new TruthReport(
            sc.Name,
            sc.Description,
            world.Seed,
            laneTimeS,
            laneStartedUtc,
            new BrandTruth(sc.ActualBrand.Id, sc.ActualBrand.Name, sc.ActualBrand.FamilyName),
            new BrandTruth(sc.DeclaredBrand.Id, sc.DeclaredBrand.Name, sc.DeclaredBrand.FamilyName),
            world.Lots,
            new BeltTruth(world.Belt.WidthM, world.Belt.NominalSpeedMps, world.Belt.NominalFlowTph, world.Profile.SpeedAt(laneTimeS), world.FlowAt(laneTimeS), travel),
            new DeviceTruth(d.CameraM, d.NirM, d.RadiationM, d.SamplerM),
            items,
            sources,
            increments,
            active);
    }
}
