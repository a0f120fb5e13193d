using System.Globalization;

namespace SmartCustoms.Simulators.World;

/// <summary>
/// The simulated lane: a belt carrying ore of one brand with contaminant items and radioactive
/// sources, devices at fixed positions. Everything is a pure function of the scenario and the seed:
/// the belt is cut into chunks, each chunk drawn from its own <see cref="Random"/> seeded from
/// (seed, chunk index), so any place on the belt can be asked for in any order with the same answer.
/// Thread-safe.
/// </summary>
public sealed class LaneWorld
{
    /// <summary>Belt length drawn at once, m.</summary>
    public const double ChunkLengthM = 20.0;

    /// <summary>Spacing of the ore property nodes (moisture, mineral mix), m.</summary>
    public const double OreNodeSpacingM = 5.0;

    private const int ItemSalt = 101;
    private const int SourceSalt = 202;
    private const int OreSalt = 303;
    private const double MaxItemSizeM = 0.60;

    private readonly Dictionary<long, Chunk> _chunks = [];
    private readonly Lock _gate = new();
    private readonly ContaminantMaterial[] _materials;
    private readonly double[] _materialWeights;

    public LaneWorld(LaneScenario scenario, int seed, BeltOptions? belt = null, DevicePositions? devices = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
        Seed = seed;
        Belt = belt ?? new BeltOptions();
        Devices = devices ?? new DevicePositions();
        Profile = BeltSpeedProfile.FromOptions(Belt);
        Cabinet = new CabinetClimate(seed);
        _materials = [.. scenario.MaterialWeights.Keys.OrderBy(m => m)];
        _materialWeights = [.. _materials.Select(m => Math.Max(0, scenario.MaterialWeights[m]))];
        Lots =
        [
            new Lot(
                LotId: string.Create(CultureInfo.InvariantCulture, $"LOT-{seed}-001"),
                DeclarationNumber: string.Create(CultureInfo.InvariantCulture, $"2026{(uint)SimRandom.Mix(seed, 7, 0) % 100_000_000:D8}"),
                Vessel: "MV Simulated Ore",
                DeclaredBrandId: scenario.DeclaredBrand.Id,
                ActualBrandId: scenario.ActualBrand.Id,
                DeclaredMassT: 60_000,
                HsCode: "2601110000"),
        ];
    }

    public LaneScenario Scenario { get; }

    public int Seed { get; }

    public BeltOptions Belt { get; }

    public DevicePositions Devices { get; }

    public BeltSpeedProfile Profile { get; }

    public IReadOnlyList<Lot> Lots { get; }

    /// <summary>The climate in the lane's electrical cabinet (what the simulated SHT3x measures).</summary>
    public CabinetClimate Cabinet { get; }

    /// <summary>The increments the simulated sampler cut (filled as the run goes on).</summary>
    public IncrementLedger Increments { get; } = new();

    /// <summary>
    /// The stretch of belt (belt coordinates) whose material fell through a cross-stream cutter of
    /// opening <paramref name="openingM"/> at the sampler while the cutter was in the stream from
    /// <paramref name="fromS"/> to <paramref name="toS"/>.
    /// </summary>
    public (double FromM, double ToM) CutterWindow(double fromS, double toS, double openingM)
    {
        double from = BeltTravelAt(fromS) - Devices.SamplerM - (openingM / 2);
        double to = BeltTravelAt(toS) - Devices.SamplerM + (openingM / 2);
        return (from, to);
    }

    /// <summary>Every item (buried or exposed) with any part inside the belt stretch [from, to]: what a cut through the whole stream takes.</summary>
    public IReadOnlyList<ContaminantItem> ItemsOverlapping(double fromM, double toM) =>
        [.. ItemsBetween(fromM - (MaxItemSizeM / 2), toM + (MaxItemSizeM / 2))
            .Where(i => i.BeltCoordinateM + (i.SizeM / 2) >= fromM && i.BeltCoordinateM - (i.SizeM / 2) <= toM)];

    /// <summary>Belt travel since lane start, m.</summary>
    public double BeltTravelAt(double timeS) => Profile.TravelAt(timeS);

    /// <summary>Ore flow at a time, t/h: proportional to belt speed (constant belt loading).</summary>
    public double FlowAt(double timeS) => Belt.NominalSpeedMps <= 0 ? 0 : Belt.NominalFlowTph * Profile.SpeedAt(timeS) / Belt.NominalSpeedMps;

    /// <summary>The lane time an item (or belt coordinate) passes the device at <paramref name="devicePositionM"/>, or null if the belt never gets it there.</summary>
    public double? TimeAtDevice(double beltCoordinateM, double devicePositionM) => Profile.TimeAtTravel(beltCoordinateM + devicePositionM);

    /// <summary>When an item passes each device and whether the NIR could see it.</summary>
    public ItemTruth Truth(ContaminantItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var fp = Devices.NirFootprint;
        double across = Overlap(
            item.AcrossOffsetM - (item.WidthM / 2),
            item.AcrossOffsetM + (item.WidthM / 2),
            fp.CentreAcrossM - (fp.AcrossM / 2),
            fp.CentreAcrossM + (fp.AcrossM / 2));
        return new ItemTruth(
            item,
            TimeAtDevice(item.BeltCoordinateM, Devices.CameraM),
            TimeAtDevice(item.BeltCoordinateM, Devices.NirM),
            TimeAtDevice(item.BeltCoordinateM, Devices.RadiationM),
            TimeAtDevice(item.BeltCoordinateM, Devices.SamplerM),
            item.Exposed && across > 0);
    }

    /// <summary>All contaminant items whose belt coordinate lies in [from, to).</summary>
    public IReadOnlyList<ContaminantItem> ItemsBetween(double fromM, double toM)
    {
        var result = new List<ContaminantItem>();
        if (toM <= fromM)
        {
            return result;
        }

        long first = (long)Math.Floor(Math.Max(0, fromM) / ChunkLengthM);
        long last = (long)Math.Floor(Math.Max(0, toM) / ChunkLengthM);
        for (long c = first; c <= last; c++)
        {
            foreach (var item in GetChunk(c).Items)
            {
                if (item.BeltCoordinateM >= fromM && item.BeltCoordinateM < toM)
                {
                    result.Add(item);
                }
            }
        }

        return result;
    }

    /// <summary>All radioactive sources whose belt coordinate lies in [from, to).</summary>
    public IReadOnlyList<RadioactiveSource> SourcesBetween(double fromM, double toM)
    {
        var result = new List<RadioactiveSource>();
        if (toM <= fromM)
        {
            return result;
        }

        long first = (long)Math.Floor(Math.Max(0, fromM) / ChunkLengthM);
        long last = (long)Math.Floor(Math.Max(0, toM) / ChunkLengthM);
        for (long c = first; c <= last; c++)
        {
            foreach (var s in GetChunk(c).Sources)
            {
                if (s.BeltCoordinateM >= fromM && s.BeltCoordinateM < toM)
                {
                    result.Add(s);
                }
            }
        }

        return result;
    }

    /// <summary>The ore surface at a belt coordinate: moisture and mineral mix vary smoothly along the belt.</summary>
    public OreSample OreAt(double beltCoordinateM)
    {
        double u = Math.Max(0, beltCoordinateM) / OreNodeSpacingM;
        long k = (long)Math.Floor(u);
        double f = u - k;
        var a = OreNode(k);
        var b = OreNode(k + 1);
        double hem = Lerp(a.Hem, b.Hem, f);
        double goe = Lerp(a.Goe, b.Goe, f);
        double mag = Lerp(a.Mag, b.Mag, f);
        double sum = hem + goe + mag;
        return new OreSample(Scenario.ActualBrand, hem / sum, goe / sum, mag / sum, Lerp(a.Moisture, b.Moisture, f));
    }

    /// <summary>
    /// What is under a device at a time: the belt coordinate under the footprint centre, the ore there,
    /// and every exposed item overlapping the footprint with the share of the footprint it covers.
    /// Items are modelled as rectangles (size along the belt × width across).
    /// </summary>
    public FootprintView View(double devicePositionM, Footprint footprint, double timeS)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        double s = BeltTravelAt(timeS) - devicePositionM;
        double halfAlong = footprint.AlongM / 2;
        var items = ItemsBetween(s - halfAlong - (MaxItemSizeM / 2), s + halfAlong + (MaxItemSizeM / 2));
        List<ItemInView>? inView = null;
        foreach (var item in items)
        {
            if (!item.Exposed)
            {
                continue;
            }

            double along = Overlap(item.BeltCoordinateM - (item.SizeM / 2), item.BeltCoordinateM + (item.SizeM / 2), s - halfAlong, s + halfAlong);
            double across = Overlap(
                item.AcrossOffsetM - (item.WidthM / 2),
                item.AcrossOffsetM + (item.WidthM / 2),
                footprint.CentreAcrossM - (footprint.AcrossM / 2),
                footprint.CentreAcrossM + (footprint.AcrossM / 2));
            double fraction = along * across / footprint.AreaM2;
            if (fraction > 0)
            {
                (inView ??= []).Add(new ItemInView(item, Math.Min(1, fraction)));
            }
        }

        return new FootprintView(timeS, s, Profile.SpeedAt(timeS), OreAt(s), (IReadOnlyList<ItemInView>?)inView ?? []);
    }

    /// <summary>What the NIR spot sees at a lane time.</summary>
    public FootprintView NirView(double timeS) => View(Devices.NirM, Devices.NirFootprint, timeS);

    /// <summary>The scheduled faults of a device active at a lane time.</summary>
    public IReadOnlyList<ScheduledFault> ActiveFaults(string device, double timeS)
    {
        double t = Scenario.FaultCycleSeconds > 0 ? timeS % Scenario.FaultCycleSeconds : timeS;
        return [.. Scenario.Faults.Where(f => string.Equals(f.Device, device, StringComparison.OrdinalIgnoreCase)
                                            && t >= f.AtSeconds && t < f.AtSeconds + f.DurationSeconds)];
    }

    private static double Overlap(double a0, double a1, double b0, double b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));

    private static double Lerp(double a, double b, double f) => a + ((b - a) * f);

    private (double Hem, double Goe, double Mag, double Moisture) OreNode(long k)
    {
        var rng = SimRandom.Create(Seed, OreSalt, k);
        var brand = Scenario.ActualBrand;
        double hem = Math.Max(0.001, brand.HematiteFraction * (1 + rng.Gaussian(0, 0.08)));
        double goe = Math.Max(0.001, brand.GoethiteFraction * (1 + rng.Gaussian(0, 0.08)));
        double mag = Math.Max(0.001, brand.MagnetiteFraction * (1 + rng.Gaussian(0, 0.08)));

        // Moisture wanders slowly around the middle of the brand's range: a node value plus a slow wave.
        double mid = 0.5 * (brand.MoistureMinPct + brand.MoistureMaxPct);
        double half = 0.5 * (brand.MoistureMaxPct - brand.MoistureMinPct);
        double slow = Math.Sin((k * OreNodeSpacingM / 400.0) + (SimRandom.Mix(Seed, OreSalt, -1) % 628 / 100.0));
        double moisture = mid + (half * Math.Clamp((0.6 * slow) + rng.Gaussian(0, 0.2), -1, 1));
        return (hem, goe, mag, moisture);
    }

    private Chunk GetChunk(long index)
    {
        lock (_gate)
        {
            if (_chunks.TryGetValue(index, out var chunk))
            {
                return chunk;
            }

            chunk = new Chunk(DrawItems(index), DrawSources(index));
            _chunks[index] = chunk;
            return chunk;
        }
    }

    private List<ContaminantItem> DrawItems(long chunkIndex)
    {
        var rng = SimRandom.Create(Seed, ItemSalt, chunkIndex);
        int count = rng.Poisson(Scenario.ItemsPerKm * ChunkLengthM / 1000.0);
        var items = new List<ContaminantItem>(count);
        if (count == 0 || _materials.Length == 0)
        {
            return items;
        }

        var positions = new double[count];
        for (int i = 0; i < count; i++)
        {
            positions[i] = (chunkIndex + rng.NextDouble()) * ChunkLengthM;
        }

        Array.Sort(positions);
        for (int i = 0; i < count; i++)
        {
            var material = _materials[rng.PickWeighted(_materialWeights)];
            var colours = ContaminantMaterials.TypicalColours(material);
            var colour = colours[rng.Next(colours.Count)];

            // Log-uniform 2–60 cm: small bits are common, big sheets rare.
            double size = 0.02 * Math.Pow(30.0, rng.NextDouble());
            double width = size * rng.Uniform(0.3, 1.0);
            double maxOffset = Math.Max(0, (Belt.WidthM / 2) - (width / 2) - 0.1);

            // On a troughed belt the items gather towards the centre.
            double offset = Math.Clamp(rng.Gaussian(0, 0.35), -maxOffset, maxOffset);
            double exposure = Math.Clamp(Scenario.ExposureProbability + (0.6 * (size - 0.10)), 0.05, 0.95);
            bool exposed = rng.NextDouble() < exposure;
            string id = string.Create(CultureInfo.InvariantCulture, $"item-{chunkIndex:D6}-{i:D2}");
            items.Add(new ContaminantItem(id, material, colour, positions[i], offset, size, width, exposed));
        }

        return items;
    }

    private List<RadioactiveSource> DrawSources(long chunkIndex)
    {
        var rng = SimRandom.Create(Seed, SourceSalt, chunkIndex);
        int count = rng.Poisson(Scenario.RadioactiveSourcesPerKm * ChunkLengthM / 1000.0);
        var sources = new List<RadioactiveSource>(count);
        for (int i = 0; i < count; i++)
        {
            string nuclide = rng.NextDouble() < 0.6 ? "Cs-137" : "Co-60";
            double dose = Math.Exp(rng.Uniform(Math.Log(150), Math.Log(3000)));
            string id = string.Create(CultureInfo.InvariantCulture, $"source-{chunkIndex:D6}-{i:D2}");
            sources.Add(new RadioactiveSource(id, nuclide, (chunkIndex + rng.NextDouble()) * ChunkLengthM, rng.Gaussian(0, 0.3), dose));
        }

        return sources;
    }

    private sealed record Chunk(List<ContaminantItem> Items, List<RadioactiveSource> Sources);
}
