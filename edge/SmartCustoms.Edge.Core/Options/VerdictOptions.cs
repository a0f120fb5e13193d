namespace SmartCustoms.Edge.Core.Options;

/// <summary>Settings of section <c>Lane:Verdicts</c>: segment rules, lot rules and brand conformity.</summary>
public sealed class VerdictOptions
{
    public const string SectionName = "Lane:Verdicts";

    // --- segment: spectra
    // A single spectrum is never enough: the model misreads ~0.5 % of clean-ore spectra (measured on the
    // simulated lane: 0.47 % at p ≥ 0.74, 0.09 % at p ≥ 0.9, independent from one spectrum to the next), and a
    // 10 m segment at 5 m/s holds ~1,000 spectra. A real item ≥ 5 cm long passes the 2 cm NIR spot in ≥ 7
    // consecutive spectra at 500 spectra/s, so evidence is judged in clusters of hits close together in time
    // (see the README, "Verdict rules", for the false-alarm arithmetic behind the defaults).

    /// <summary>A spectrum is a hit (joins a cluster) when its contaminant probability is at least this. Default: spectral model 1.0.0's decision threshold (0.741), kept for 1.1.0 (0.724).</summary>
    public double SuspectProbability { get; set; } = 0.74;

    /// <summary>A hit is strong when its contaminant probability is at least this.</summary>
    public double ContaminantProbability { get; set; } = 0.9;

    /// <summary>Hits at most this far apart in acquisition time belong to one cluster (0.007 s = 3.5 line periods at 500 spectra/s: up to two missed spectra inside an item).</summary>
    public double ClusterGapSeconds { get; set; } = 0.007;

    /// <summary>Contaminated when one cluster holds at least this many strong hits.</summary>
    public int ContaminatedMinSpectra { get; set; } = 3;

    /// <summary>Suspect when one cluster holds at least this many hits.</summary>
    public int SuspectMinSpectra { get; set; } = 4;

    /// <summary>
    /// Share of clean-ore spectra that are hits (the model's false-positive rate on the lane, with margin).
    /// The dispersed-contamination test compares a segment's hit count with this rate.
    /// </summary>
    public double CleanHitRate { get; set; } = 0.01;

    /// <summary>
    /// Contaminated when the segment's number of separate hit clusters (a lone hit is one) is this improbable from
    /// clean ore alone (binomial upper tail with <see cref="CleanHitRate"/>): catches shredded waste that forms no
    /// item-size cluster.
    /// </summary>
    public double DispersedContaminatedProbability { get; set; } = 1e-6;

    /// <summary>Suspect when the segment's number of separate hit clusters is this improbable from clean ore alone.</summary>
    public double DispersedSuspectProbability { get; set; } = 1e-4;

    /// <summary>Suspect when at least this many out-of-distribution spectra were seen.</summary>
    public int SuspectMinOodSpectra { get; set; } = 5;

    // --- segment: vision
    public double VisualContaminatedScore { get; set; } = 0.7;

    public double VisualContaminatedMinSizeCm { get; set; } = 5;

    public double VisualSuspectScore { get; set; } = 0.4;

    public double VisualSuspectMinSizeCm { get; set; } = 2;

    /// <summary>
    /// A detection under the contaminant bar makes its segment suspect only once its item was seen in at least this
    /// many camera frames (0 or 1 = one frame suffices). Real items are in 5-8 detector frames at 25/s and 5 m/s; the
    /// detector's false detections on clean ore are single frames (30-minute clean run, visual 1.2.0: 7 of 7 at scores
    /// 0.40-0.55, none seen twice). Assumes the camera's frames all go through the detector
    /// (<c>Models:VisualMaxFramesPerSecond</c> 25). See README "Camera items, not frames".
    /// </summary>
    public int VisualSuspectMinSightings { get; set; } = 2;

    // --- lot
    /// <summary>Lot HOLD when at least this many segments were contaminated.</summary>
    public int LotHoldContaminatedSegments { get; set; } = 3;

    /// <summary>Lot SUSPECT when at least this many segments were contaminated.</summary>
    public int LotSuspectContaminatedSegments { get; set; } = 1;

    /// <summary>Lot SUSPECT when at least this many segments were suspect.</summary>
    public int LotSuspectSuspectSegments { get; set; } = 3;

    /// <summary>
    /// Lot SUSPECT by suspect segments also needs them to be at least this share of the lot's judged segments
    /// (0 = the count alone). Clean ore gives a few suspect segments at a steady rate (30-minute clean runs: 2, 2 and 1
    /// of ~900, 0.18 % pooled, 95 % upper bound 0.43 %), so on a lot of many hours a fixed count alone turns every lot
    /// SUSPECT; 1 % keeps the count (3) as the bar for lots under 300 segments (50 minutes at 5 m/s).
    /// </summary>
    public double LotSuspectSuspectShare { get; set; } = 0.01;

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
