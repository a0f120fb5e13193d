namespace SmartCustoms.Edge.Core.Options;

/// <summary>Settings of section <c>Lane:Verdicts</c>: segment rules, lot rules and brand conformity.</summary>
public sealed class VerdictOptions
{
    public const string SectionName = "Lane:Verdicts";

    // --- segment: spectra
    /// <summary>A spectrum counts as a contaminant when its contaminant probability is at least this.</summary>
    public double ContaminantProbability { get; set; } = 0.9;

    /// <summary>Contaminated when at least this many contaminant spectra were seen on the segment.</summary>
    public int ContaminatedMinSpectra { get; set; } = 3;

    /// <summary>A spectrum counts as suspicious when its contaminant probability is at least this.</summary>
    public double SuspectProbability { get; set; } = 0.6;

    /// <summary>Suspect when at least this many suspicious (or contaminant) spectra were seen.</summary>
    public int SuspectMinSpectra { get; set; } = 1;

    /// <summary>Suspect when at least this many out-of-distribution spectra were seen.</summary>
    public int SuspectMinOodSpectra { get; set; } = 5;

    // --- segment: vision
    public double VisualContaminatedScore { get; set; } = 0.7;

    public double VisualContaminatedMinSizeCm { get; set; } = 5;

    public double VisualSuspectScore { get; set; } = 0.4;

    public double VisualSuspectMinSizeCm { get; set; } = 2;

    // --- lot
    /// <summary>Lot HOLD when at least this many segments were contaminated.</summary>
    public int LotHoldContaminatedSegments { get; set; } = 3;

    /// <summary>Lot SUSPECT when at least this many segments were contaminated.</summary>
    public int LotSuspectContaminatedSegments { get; set; } = 1;

    /// <summary>Lot SUSPECT when at least this many segments were suspect.</summary>
    public int LotSuspectSuspectSegments { get; set; } = 3;

    /// <summary>Lot HOLD when the radiation monitor alarmed during the lot.</summary>
    public bool LotHoldOnRadiationAlarm { get; set; } = true;

    // --- brand conformity
    /// <summary>Ore spectra needed before brand conformity is judged.</summary>
    public int BrandMinOreSpectra { get; set; } = 200;

    /// <summary>Mismatch when the share of ore spectra of the brand's expected families is below this.</summary>
    public double BrandMinExpectedShare { get; set; } = 0.6;

    /// <summary>What a brand mismatch does to the lot verdict: Suspect or Hold.</summary>
    public LotVerdictLevel BrandMismatchVerdict { get; set; } = LotVerdictLevel.Suspect;

    /// <summary>
    /// Brand name → comma-separated expected ore families (e.g. <c>"Pilbara Blend": "hematite,goethite"</c>).
    /// Entries here override the built-in catalogue by name (case-insensitive).
    /// </summary>
    public Dictionary<string, string> BrandFamilies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
