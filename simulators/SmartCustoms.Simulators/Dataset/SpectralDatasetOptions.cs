using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Dataset;

/// <summary>What a spectral dataset contains. Validate with <see cref="Validate"/>.</summary>
public sealed record SpectralDatasetOptions
{
    public int Seed { get; init; } = 1;

    public int Count { get; init; } = 20_000;

    /// <summary>Ore brands the samples are drawn from (uniformly).</summary>
    public IReadOnlyList<OreBrand> Brands { get; init; } = [OreBrands.CarajasFines, OreBrands.PilbaraBlendFines, OreBrands.YandiFines, OreBrands.MagnetiteConcentrate];

    /// <summary>Moisture range in % (both or neither); null = each brand's own range.</summary>
    public double? MoistureMinPct { get; init; }

    public double? MoistureMaxPct { get; init; }

    /// <summary>Share of rows that contain a contaminant (0–1); the rest are ore only.</summary>
    public double ContaminantFraction { get; init; } = 0.5;

    /// <summary>Contaminants drawn (uniformly) for contaminant rows.</summary>
    public IReadOnlyList<DatasetMaterial> Materials { get; init; } = DatasetMaterial.All;

    /// <summary>Share of the spot a contaminant covers, drawn uniformly in [min, max].</summary>
    public double AreaFractionMin { get; init; } = 0.3;

    public double AreaFractionMax { get; init; } = 1.0;

    public int IntegrationUs { get; init; } = NirInstrumentModelDefaults.IntegrationUs;

    public int Averages { get; init; } = 1;

    /// <summary>Detector temperature change since the dark/white calibration, °C (standard deviation).</summary>
    public double TemperatureDriftSdC { get; init; } = 0.4;

    /// <summary>Lamp output change since calibration (standard deviation, relative).</summary>
    public double LampDriftSd { get; init; } = 0.005;

    /// <summary>Frames averaged for the dark and white references.</summary>
    public int ReferenceAverages { get; init; } = 32;

    /// <summary>The first problem with these options, or null when they are usable.</summary>
    public string? Validate()
    {
        if (Count < 1)
        {
            return $"--count must be at least 1, got {Count}.";
        }

        if (Brands.Count == 0)
        {
            return "--brands must name at least one brand.";
        }

        if (MoistureMinPct.HasValue != MoistureMaxPct.HasValue)
        {
            return "--moisture-min and --moisture-max must be given together.";
        }

        if (MoistureMinPct is { } lo && MoistureMaxPct is { } hi && (lo < 0 || hi > 40 || lo > hi))
        {
            return $"--moisture-min/--moisture-max must satisfy 0 <= min <= max <= 40 (percent), got {lo}..{hi}.";
        }

        if (ContaminantFraction is < 0 or > 1 || double.IsNaN(ContaminantFraction))
        {
            return $"--contaminant-fraction must be 0-1, got {ContaminantFraction}.";
        }

        if (ContaminantFraction > 0 && Materials.Count == 0)
        {
            return "--materials must name at least one material when --contaminant-fraction > 0.";
        }

        if (AreaFractionMin <= 0 || AreaFractionMax > 1 || AreaFractionMin > AreaFractionMax)
        {
            return $"--area-min/--area-max must satisfy 0 < min <= max <= 1, got {AreaFractionMin}..{AreaFractionMax}.";
        }

        if (IntegrationUs is < 10 or > 65_000)
        {
            return $"--integration-us must be 10-65000, got {IntegrationUs}.";
        }

        if (Averages is < 1 or > 1000)
        {
            return $"--averages must be 1-1000, got {Averages}.";
        }

        return null;
    }
}
