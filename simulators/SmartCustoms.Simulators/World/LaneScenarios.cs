namespace SmartCustoms.Simulators.World;

/// <summary>The named scenarios of CONTRACT.md.</summary>
public static class LaneScenarios
{
    public const string Clean = "clean";
    public const string Contaminated = "contaminated";
    public const string Radioactive = "radioactive";
    public const string Mismatch = "mismatch";
    public const string Faults = "faults";

    public static IReadOnlyList<string> Names { get; } = [Clean, Contaminated, Radioactive, Mismatch, Faults];

    public static IReadOnlyDictionary<ContaminantMaterial, double> DefaultMaterialWeights { get; } =
        new Dictionary<ContaminantMaterial, double>
        {
            [ContaminantMaterial.Pe] = 3,
            [ContaminantMaterial.Pp] = 2.5,
            [ContaminantMaterial.Pet] = 1.5,
            [ContaminantMaterial.Ps] = 1,
            [ContaminantMaterial.Pvc] = 1,
            [ContaminantMaterial.Nylon] = 0.7,
            [ContaminantMaterial.BlackRubber] = 2,
            [ContaminantMaterial.Wood] = 2,
            [ContaminantMaterial.Cardboard] = 1.2,
            [ContaminantMaterial.Paper] = 0.8,
            [ContaminantMaterial.Cotton] = 0.8,
            [ContaminantMaterial.Wool] = 0.3,
            [ContaminantMaterial.ScrapMetal] = 1.5,
        };

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The scenario with this name; the default brand is Pilbara Blend fines.</summary>
    public static LaneScenario Create(string name, OreBrand? brand = null)
    {
        var b = brand ?? OreBrands.PilbaraBlendFines;
        switch (name.Trim().ToLowerInvariant())
        {
            case Clean:
                return new LaneScenario { Name = Clean, Description = "Ore only, as declared.", ActualBrand = b, DeclaredBrand = b };
            case Contaminated:
                return new LaneScenario
                {
                    Name = Contaminated,
                    Description = "Ore with solid-waste items (plastics, rubber, wood, paper, textiles, scrap metal), about one item every 10 m of belt.",
                    ActualBrand = b,
                    DeclaredBrand = b,
                    ItemsPerKm = 100,
                };
            case Radioactive:
                return new LaneScenario
                {
                    Name = Radioactive,
                    Description = "Ore as declared; a radioactive source passes the radiation monitor about every 1.5 km of belt.",
                    ActualBrand = b,
                    DeclaredBrand = b,
                    RadioactiveSourcesPerKm = 0.7,
                };
            case Mismatch:
                var other = b.Family == OreMineralFamily.Goethite ? OreBrands.CarajasFines : OreBrands.YandiFines;
                return new LaneScenario
                {
                    Name = Mismatch,
                    Description = $"The lot declares {b.Name} but {other.Name} is on the belt.",
                    ActualBrand = other,
                    DeclaredBrand = b,
                };
            case Faults:
                return new LaneScenario
                {
                    Name = Faults,
                    Description = "Ore with a few items; on a 3-minute cycle the NIR drops, stalls, sends garbage, answers slowly, sends NaN and saturated spectra, the camera freezes, corrupts frames and drops, the Modbus devices stall, answer with exceptions, slowly or with garbage, drop, and the scale's heartbeat sticks.",
                    ActualBrand = b,
                    DeclaredBrand = b,
                    ItemsPerKm = 10,
                    FaultCycleSeconds = 180,
                    Faults =
                    [
                        new ScheduledFault("nir", DeviceFaultKind.Disconnect, 20, 8),
                        new ScheduledFault("nir", DeviceFaultKind.Stall, 50, 6),
                        new ScheduledFault("nir", DeviceFaultKind.Garbage, 80, 5),
                        new ScheduledFault("nir", DeviceFaultKind.Slow, 110, 10),
                        new ScheduledFault("nir", DeviceFaultKind.NanSpectra, 140, 3),
                        new ScheduledFault("nir", DeviceFaultKind.SaturatedSpectra, 160, 3),
                        new ScheduledFault("camera", DeviceFaultKind.FrozenFrames, 35, 5),
                        new ScheduledFault("camera", DeviceFaultKind.CorruptJpeg, 125, 3),
                        new ScheduledFault("camera", DeviceFaultKind.Disconnect, 150, 6),
                        new ScheduledFault("radiation", DeviceFaultKind.Slow, 40, 8),
                        new ScheduledFault("sampler", DeviceFaultKind.Stall, 60, 6),
                        new ScheduledFault("scale", DeviceFaultKind.StuckHeartbeat, 100, 8),
                        new ScheduledFault("radiation", DeviceFaultKind.Disconnect, 130, 6),
                        new ScheduledFault("sampler", DeviceFaultKind.ModbusException, 145, 4),
                        new ScheduledFault("scale", DeviceFaultKind.Garbage, 170, 3),
                    ],
                };
            default:
                throw new ArgumentException($"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        }
    }
}
