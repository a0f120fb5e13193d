namespace SmartCustoms.Edge.Core.Options;

/// <summary>Settings of section <c>Lane:Sampling</c> (ISO 3082 plan, cutter, triggered increments).</summary>
public sealed class SamplingOptions
{
    public const string SectionName = "Lane:Sampling";

    public SamplingScheme Scheme { get; set; } = SamplingScheme.MassSystematic;

    /// <summary>Stratum basis for <see cref="SamplingScheme.StratifiedRandom"/>.</summary>
    public StratumBasis StratumBasis { get; set; } = StratumBasis.Mass;

    /// <summary>σ_w: within-stratum standard deviation of the quality characteristic (e.g. % Fe).</summary>
    public double WithinStratumStdDev { get; set; } = 1.0;

    /// <summary>β_S: required sampling precision (95 %), same unit as σ_w.</summary>
    public double Precision { get; set; } = 0.4;

    /// <summary>n₁ is never below this.</summary>
    public int MinimumIncrements { get; set; } = 10;

    /// <summary>q_max: maximum flow rate of the lane, t/h (time-basis interval).</summary>
    public double MaxFlowTonnesPerHour { get; set; } = 8000;

    /// <summary>Seed of the random start / strata; empty derives a stable seed from the lot id.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Systematic sampling starts at a random point in the first interval (ISO 3082); false: at Δ.</summary>
    public bool RandomStartInFirstInterval { get; set; } = true;

    /// <summary>b: cutter opening, m (≥ 3 × nominal top size).</summary>
    public double CutterOpeningMetres { get; set; } = 0.15;

    /// <summary>v_c: cutter speed through the stream, m/s (≤ ~0.6).</summary>
    public double CutterSpeedMetresPerSecond { get; set; } = 0.6;

    /// <summary>Time from our decision to the command reaching the PLC (one tick + a Modbus write), s.</summary>
    public double DecisionSeconds { get; set; } = 0.05;

    /// <summary>
    /// Time from the PLC accepting a command to the middle of the cutter's pass through the stream, s: the cut is
    /// centred on its target when the command goes out DecisionSeconds + ActuationSeconds before the target
    /// reaches the cutter. 0.28 = a 0.15 s approach + half of a 0.25 s pass (the simulator's cutter and a typical
    /// cross-stream cutter; DOMAIN.md: in the stream ~0.2-0.3 s of a ~1 s cycle). Measure it on the real sampler.
    /// </summary>
    public double ActuationSeconds { get; set; } = 0.28;

    /// <summary>One full cut cycle, s: the sampler is busy this long after a command.</summary>
    public double CutCycleSeconds { get; set; } = 1.0;

    /// <summary>A scheduled increment that cannot be commanded within this time is recorded as missed.</summary>
    public double ScheduledGraceSeconds { get; set; } = 10;

    /// <summary>A command the PLC has not acknowledged within this time is recorded as unacknowledged.</summary>
    public double AckTimeoutSeconds { get; set; } = 2;

    public TriggerLevel TriggerOn { get; set; } = TriggerLevel.Suspect;

    /// <summary>
    /// Cut a segment that is suspect only through camera detections below the contaminant bar (finding
    /// <c>suspect-detections</c> alone). Off by default: the detector's false detections (30-150 per 1,000 frames with
    /// items on its model card) made most such cuts take plain ore (12 camera-aimed cuts, 5 on an item, in a 5-minute
    /// <c>contaminated</c> run) while keeping the sampler busy for real ones. The segment stays suspect either way; a
    /// cut follows as soon as other evidence (an NIR cluster, a contaminant detection) raises or confirms it.
    /// </summary>
    public bool TriggerOnSuspectDetectionsAlone { get; set; }
}
