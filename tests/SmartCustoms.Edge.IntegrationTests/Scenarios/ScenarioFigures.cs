using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmartCustoms.Edge.IntegrationTests.Scenarios;

/// <summary>
/// The figures of one scenario run, computed from what the gateway published (MQTT) against the simulator's
/// ground truth (<c>/truth</c>). Pure computation; the assertions are in the tests.
/// </summary>
public sealed class ScenarioFigures
{
    /// <summary>How far (m) an item may lie outside a flagged segment and still count as "in the right segment" (coordinate mapping error).</summary>
    public const double SegmentTolerance = 0.3;

    /// <summary>Items this long or longer are the target's items.</summary>
    public const double MinItemSizeM = 0.05;

    /// <summary>An NIR-visible item covering at least this share of the spot's strip: what the spectral model was trained to see (30-100 % of the spot).</summary>
    public const double SubstantialStripShare = 0.2;

    private readonly StringBuilder _text = new();

    public ScenarioFigures(LaneScenarioRun run, JsonElement truth, double laneSeconds)
    {
        Run = run;
        Truth = truth;
        LaneSeconds = laneSeconds;
        Segments = PublishedSegment.Latest(run.Events.Events("segment"));
        LotSegments = [.. Segments.Where(s => s.LotId == run.LotId)];
        DecisionLatency = Percentiles.Of(run.Events.Events("segment")
            .Where(m => m.Data.TryGetProperty("decisionLatencyMs", out var l) && l.ValueKind == JsonValueKind.Number)
            .Select(m => m.Data.GetProperty("decisionLatencyMs").GetDouble()));
        var flagged = run.Events.Events("segment").Where(m => m.Data.GetProperty("verdict").GetString() != "clear").ToList();
        DeliveryLatency = Percentiles.Of(flagged.Select(m => (m.ReceivedAt - m.Data.GetProperty("judgedAt").GetDateTimeOffset()).TotalMilliseconds));
        JudgedToStored = Percentiles.Of(flagged.Select(m => (m.Envelope.GetProperty("ts").GetDateTimeOffset() - m.Data.GetProperty("judgedAt").GetDateTimeOffset()).TotalMilliseconds));
        StoredToReceived = Percentiles.Of(flagged.Select(m => (m.ReceivedAt - m.Envelope.GetProperty("ts").GetDateTimeOffset()).TotalMilliseconds));
        var flaggedSlowest = flagged
            .Select(m => (Seq: m.Envelope.GetProperty("seq").GetInt64(), m.ReceivedAt, Ms: (m.ReceivedAt - m.Envelope.GetProperty("ts").GetDateTimeOffset()).TotalMilliseconds))
            .OrderByDescending(x => x.Ms).Take(3)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"seq {x.Seq} received {x.ReceivedAt:HH:mm:ss.fff} after {x.Ms:0} ms")).ToList();
        Items = TruthItem.From(truth);
        var lotVerdict = run.Events.Events("lot").LastOrDefault(m => m.Envelope.GetProperty("lot").GetString() == run.LotId);
        LotVerdict = lotVerdict?.Data.GetProperty("verdict").GetProperty("level").GetString() ?? "(none)";
        LotReasons = lotVerdict is null ? [] : [.. lotVerdict.Data.GetProperty("verdict").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];
        Line($"scenario {run.Scenario}, seed {run.Seed}, lot {run.LotId}: {laneSeconds:0} s of lane time at 5 m/s (lane {run.LotStartLaneS:0.0}-{run.LotEndLaneS:0.0} s)");
        Line($"segments in the lot: {LotSegments.Count} ({Count("clear")} clear, {Count("suspect")} suspect, {Count("contaminated")} contaminated); lot verdict {LotVerdict} [{string.Join(", ", LotReasons)}]");
        var findings = LotSegments.Where(s => s.Flagged).SelectMany(s => s.Findings).GroupBy(f => f).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        Line($"flagged segments' findings: {string.Join(", ", findings)}");
        Line($"decision latency, spectrum/frame/reading acquired -> segment verdict: {DecisionLatency}");
        Line($"decision latency by deciding observation: {string.Join("; ", LatencyByPath(run))}");
        Line($"verdict -> received over MQTT: {DeliveryLatency}");
        Line($"  of which verdict -> stored (envelope ts): {JudgedToStored}; stored -> received by this test process: {StoredToReceived} (its tail is the test process's, not delivery: see the Core README)");
        Line($"  slowest stored -> received: {(flaggedSlowest.Count == 0 ? "no samples" : string.Join("; ", flaggedSlowest))}");
        Line($"gateway CPU over the lot {run.GatewayCores * 100:0} % of one core ({run.GatewayCores * 50:0} % of 2 cores); load average at lot start {run.LoadAverageAtStart}, at lot end {run.LoadAverageAtEnd}");
        var summaries = run.Events.Events("spectra").Select(m => m.Data).ToList();
        long classified = summaries.Sum(d => d.GetProperty("classified").GetInt64());
        long overThreshold = summaries.Sum(d => d.GetProperty("contaminated").GetInt64());
        Line($"NIR spectra classified {classified}, rejected {summaries.Sum(d => d.GetProperty("rejected").GetInt64())}, lost in sequence gaps {summaries.Sum(d => d.GetProperty("sequenceGaps").GetInt64())} (whole run, {summaries.Count} summaries)");
        Line($"NIR spectra over the model's contaminant threshold {overThreshold} ({(classified == 0 ? 0 : 100.0 * overThreshold / classified):0.###} % of classified; on clean ore this is the lane's false-hit rate)");
    }

    public LaneScenarioRun Run { get; }

    /// <summary>Decision latency split by what decided the verdict: an NIR spectrum (nir-…), a camera detection (vis-…), other.</summary>
    private static IEnumerable<string> LatencyByPath(LaneScenarioRun run) => run.Events.Events("segment")
        .Where(m => m.Data.TryGetProperty("decisionLatencyMs", out var l) && l.ValueKind == JsonValueKind.Number)
        .GroupBy(m => m.Data.TryGetProperty("decidedBy", out var d) && d.ValueKind == JsonValueKind.String
            ? (d.GetString()!.StartsWith("nir-", StringComparison.Ordinal) ? "spectrum" : d.GetString()!.StartsWith("vis-", StringComparison.Ordinal) ? "frame" : "other")
            : "none")
        .Select(g => $"{g.Key}: {Percentiles.Of(g.Select(m => m.Data.GetProperty("decisionLatencyMs").GetDouble()))}");

    public JsonElement Truth { get; }

    public double LaneSeconds { get; }

    public IReadOnlyList<PublishedSegment> Segments { get; }

    public IReadOnlyList<PublishedSegment> LotSegments { get; }

    public IReadOnlyList<TruthItem> Items { get; }

    public Percentiles DecisionLatency { get; }

    public Percentiles DeliveryLatency { get; }

    /// <summary>Flagged segment verdicts: judged → stored (the envelope's <c>ts</c>, stamped by the store).</summary>
    public Percentiles JudgedToStored { get; }

    /// <summary>Flagged segment verdicts: stored → received by the subscriber.</summary>
    public Percentiles StoredToReceived { get; }

    public string LotVerdict { get; }

    public IReadOnlyList<string> LotReasons { get; }

    public string Text => _text.ToString();

    public int Count(string verdict) => LotSegments.Count(s => s.Verdict == verdict);

    /// <summary>The gateway's belt coordinate of an item.</summary>
    public double GatewayCoordinate(TruthItem item) => item.BeltCoordinateM + Run.CoordinateOffset;

    /// <summary>Exposed items ≥ 5 cm that lie on the lot's segments.</summary>
    public IReadOnlyList<TruthItem> LotItems() =>
        [.. Items.Where(i => i.Exposed && i.SizeM >= MinItemSizeM && LotSegments.Any(s => s.Contains(GatewayCoordinate(i), 0)))];

    /// <summary>Finding codes that come from the NIR's spectra.</summary>
    public static readonly IReadOnlySet<string> SpectralFindings = new HashSet<string>(StringComparer.Ordinal)
    {
        "contaminant-spectra", "suspect-spectra", "dispersed-contaminant-spectra", "dispersed-suspect-spectra",
    };

    /// <summary>Finding codes that come from the camera's detections.</summary>
    public static readonly IReadOnlySet<string> VisualFindings = new HashSet<string>(StringComparer.Ordinal)
    {
        "contaminant-detections", "suspect-detections",
    };

    /// <summary>The item lies in a segment flagged by evidence of the given kind (any kind when null).</summary>
    public bool FlaggedInItsSegment(TruthItem item, IReadOnlySet<string>? by = null) =>
        LotSegments.Any(s => s.Flagged && s.Contains(GatewayCoordinate(item), SegmentTolerance) && (by is null || s.Findings.Any(by.Contains)));

    /// <summary>
    /// Refines the coordinate offset: the median distance from each flagged segment's hotspot to the nearest
    /// exposed item within 1.5 m, if at least 3 hotspots have one. Returns the adjustment (0 when not applied).
    /// </summary>
    public double RefineOffset()
    {
        var residuals = new List<double>();
        foreach (var hotspot in LotSegments.Where(s => s.Flagged && s.HotspotMetres is not null).Select(s => s.HotspotMetres!.Value))
        {
            var nearest = Items.Where(i => i.Exposed).Select(i => hotspot - GatewayCoordinate(i)).Where(r => Math.Abs(r) < 1.5).OrderBy(Math.Abs).ToList();
            if (nearest.Count > 0)
            {
                residuals.Add(nearest[0]);
            }
        }

        if (residuals.Count < 3)
        {
            Line($"coordinate offset {Run.CoordinateOffset:0.00} m (calibrated; {residuals.Count} hotspot matches, not refined)");
            return 0;
        }

        residuals.Sort();
        var delta = residuals[residuals.Count / 2];
        Run.AdjustOffset(delta);
        Line($"coordinate offset {Run.CoordinateOffset:0.00} m (calibrated, refined by {delta:+0.00;-0.00} m from {residuals.Count} hotspot matches)");
        return delta;
    }

    /// <summary>Share flagged in the right segment by evidence of the given kind; the line is added to the text.</summary>
    public double Recall(string name, IReadOnlyList<TruthItem> items, IReadOnlySet<string>? by, string byName)
    {
        var flagged = items.Count(i => FlaggedInItsSegment(i, by));
        var share = items.Count == 0 ? double.NaN : flagged / (double)items.Count;
        var missed = items.Where(i => !FlaggedInItsSegment(i, by)).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Id} {i.Material} {i.SizeM * 100:0} cm, strip {i.NirStripShare:P0}"));
        Line($"{name}: {flagged}/{items.Count} in a segment flagged by {byName} ({share:P1}){(flagged < items.Count ? "; not: " + string.Join("; ", missed) : string.Empty)}");
        return share;
    }

    /// <summary>
    /// Triggered cuts the sampler took and whether each intercepted its item: the exposed item nearest the cut's
    /// target is among the items the simulator says the cut took. Split by what the cut aimed at: a spectral
    /// cluster's centre (NIR) or a camera detection (the hotspot prefers a contaminant detection).
    /// </summary>
    public CutFigures TriggeredCuts()
    {
        var records = Run.Events.Events("increment")
            .Where(m => m.Data.GetProperty("reason").GetString() == "triggered" && m.Data.GetProperty("lotId").GetString() == Run.LotId)
            .GroupBy(m => m.Data.GetProperty("id").GetUInt32())
            .Select(g => g.Last().Data)
            .ToList();
        var truthCuts = Truth.GetProperty("increments").EnumerateArray().ToDictionary(
            i => i.GetProperty("incrementId").GetUInt32(),
            i => (Items: i.GetProperty("interceptedItemIds").EnumerateArray().Select(x => x.GetString()!).ToHashSet(),
                  From: i.GetProperty("beltFromM").GetDouble(), To: i.GetProperty("beltToM").GetDouble()));
        var figures = new CutFigures();
        var misses = new List<string>();
        var nirAimErrors = new List<double>();
        var cameraAimErrors = new List<double>();
        var aimedAtNothing = 0;
        var states = records.GroupBy(r => r.GetProperty("state").GetString()).Select(g => $"{g.Count()} {g.Key}");
        foreach (var record in records.Where(r => truthCuts.ContainsKey(r.GetProperty("id").GetUInt32())))
        {
            var id = record.GetProperty("id").GetUInt32();
            var target = record.GetProperty("targetMetres").GetDouble();
            var segment = LotSegments.FirstOrDefault(s => s.Number == record.GetProperty("segmentNumber").GetInt64());
            var byCamera = segment is not null && (segment.Findings.Contains("contaminant-detections")
                || (segment.Findings.Contains("suspect-detections") && !segment.Findings.Any(SpectralFindings.Contains)));
            var item = Items.Where(i => i.Exposed && Math.Abs(GatewayCoordinate(i) - target) < 5).MinBy(i => Math.Abs(GatewayCoordinate(i) - target));
            var hit = item is not null && truthCuts[id].Items.Contains(item.Id);
            figures.Count(byCamera, hit);
            if (item is null || Math.Abs(GatewayCoordinate(item) - target) > 1)
            {
                aimedAtNothing++;
            }

            if (item is not null)
            {
                // Aim error: positive = the cut aimed upstream of the item (later on the belt).
                (byCamera ? cameraAimErrors : nirAimErrors).Add(target - GatewayCoordinate(item));
            }

            if (!hit)
            {
                // In simulator coordinates: where the cut aimed, what it took, where the nearest item was.
                misses.Add(string.Create(CultureInfo.InvariantCulture,
                    $"#{id} ({(byCamera ? "camera" : "NIR")} aim {target - Run.CoordinateOffset:0.00} m, cut {truthCuts[id].From:0.00}-{truthCuts[id].To:0.00} m, nearest item {(item is null ? "none" : $"{item.Id} {item.Material} at {item.BeltCoordinateM:0.00} m")}, findings {string.Join('/', segment?.Findings ?? [])})"));
            }
        }

        Line($"triggered increments: {records.Count} ({string.Join(", ", states)}); cut by the sampler and intercepting their item: {figures.Intercepted}/{figures.Taken} — aimed by NIR clusters {figures.NirIntercepted}/{figures.NirTaken}, by camera detections {figures.CameraIntercepted}/{figures.CameraTaken}{(misses.Count > 0 ? "; missed: " + string.Join("; ", misses) : string.Empty)}");
        Line($"aim error (target − nearest item, m; + = upstream): NIR {AimErrors(nirAimErrors)}; camera {AimErrors(cameraAimErrors)}; cuts with no exposed item within 1 m of their aim (aimed at a false detection): {aimedAtNothing}");
        return figures;
    }

    private static string AimErrors(List<double> errors)
    {
        if (errors.Count == 0)
        {
            return "none";
        }

        errors.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"n {errors.Count}, median {errors[errors.Count / 2]:+0.00;-0.00}, min {errors[0]:+0.00;-0.00}, max {errors[^1]:+0.00;-0.00}");
    }

    public void Line(FormattableString text) => _text.AppendLine(FormattableString.Invariant(text));

    /// <summary>Writes the figures to artifacts/scenarios/{scenario}.txt (for the README) and returns them.</summary>
    public string Save()
    {
        var folder = Path.Combine(Infrastructure.RepositoryPaths.Root, "artifacts", "scenarios");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{Run.Scenario}-{LaneSeconds:0}s.txt"), Text);
        return Text;
    }
}
