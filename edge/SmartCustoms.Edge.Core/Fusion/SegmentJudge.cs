using System.Globalization;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// The segment verdict rules (thresholds from <c>Lane:Verdicts</c>). Spectral evidence is judged against what
/// clean ore produces on its own: a hit is a spectrum with p ≥ SuspectProbability (strong: ≥ ContaminantProbability);
/// hits within ClusterGapSeconds form a cluster (one item passing the spot).
/// <list type="bullet">
/// <item>contaminated: a cluster with ≥ ContaminatedMinSpectra strong hits (<c>contaminant-spectra</c>); the segment's
/// separate clusters improbable from clean ore at CleanHitRate, binomial tail &lt; DispersedContaminatedProbability
/// (<c>dispersed-contaminant-spectra</c>); a detection with score ≥ VisualContaminatedScore and size ≥
/// VisualContaminatedMinSizeCm (<c>contaminant-detections</c>); the radiation monitor alarmed (<c>radiation-alarm</c>).</item>
/// <item>suspect: a cluster with ≥ SuspectMinSpectra hits (<c>suspect-spectra</c>); separate-cluster count tail &lt;
/// DispersedSuspectProbability (<c>dispersed-suspect-spectra</c>); a detection over the suspect bars
/// (<c>suspect-detections</c>); ≥ SuspectMinOodSpectra out-of-distribution spectra (<c>unknown-spectra</c>);
/// radiation warning (<c>radiation-warning</c>).</item>
/// </list>
/// Every rule that fired is listed as a finding. Stateless; thread-safe.
/// </summary>
public sealed class SegmentJudge(VerdictOptions rules)
{
    internal SegmentJudgement Judge(SegmentEvidence evidence, double lengthMetres, double beltWidthMetres)
    {
        var findings = new List<Finding>();
        var verdict = SegmentVerdict.Clear;

        void Found(SegmentVerdict level, string code, string message)
        {
            findings.Add(new Finding(code, message));
            if (level > verdict)
            {
                verdict = level;
            }
        }

        JudgeClusters(evidence, Found);
        JudgeDispersed(evidence, Found);

        if (evidence.ContaminantDetections > 0)
        {
            Found(SegmentVerdict.Contaminated, "contaminant-detections",
                Text($"{evidence.ContaminantDetections} visual detections with score ≥ {rules.VisualContaminatedScore} and size ≥ {rules.VisualContaminatedMinSizeCm} cm"));
        }
        else if (evidence.SuspectDetections > 0)
        {
            Found(SegmentVerdict.Suspect, "suspect-detections",
                Text($"{evidence.SuspectDetections} visual detections with score ≥ {rules.VisualSuspectScore} and size ≥ {rules.VisualSuspectMinSizeCm} cm")
                    + (rules.VisualSuspectMinSightings > 1 ? Text($", each seen in ≥ {rules.VisualSuspectMinSightings} frames") : ""));
        }

        if (evidence.OodSpectra >= rules.SuspectMinOodSpectra)
        {
            Found(SegmentVerdict.Suspect, "unknown-spectra",
                Text($"{evidence.OodSpectra} out-of-distribution spectra (suspect at ≥ {rules.SuspectMinOodSpectra})"));
        }

        switch (evidence.MaxRadiationLevel)
        {
            case RadiationLevel.Alarm:
                Found(SegmentVerdict.Contaminated, "radiation-alarm",
                    Text($"radiation monitor alarm, up to {evidence.MaxDoseRate} nSv/h"));
                break;
            case RadiationLevel.Warning:
                Found(SegmentVerdict.Suspect, "radiation-warning",
                    Text($"radiation monitor warning, up to {evidence.MaxDoseRate} nSv/h"));
                break;
        }

        return new SegmentJudgement(verdict, findings, Shares(evidence, lengthMetres, beltWidthMetres));
    }

    private void JudgeClusters(SegmentEvidence evidence, Action<SegmentVerdict, string, string> found)
    {
        if (evidence.StrongestCluster is { } strongest && strongest.StrongHits >= rules.ContaminatedMinSpectra)
        {
            found(SegmentVerdict.Contaminated, "contaminant-spectra",
                Text($"{strongest.StrongHits} spectra with contaminant p ≥ {rules.ContaminantProbability} in one cluster ({strongest.Hits} hits over {strongest.ExtentMetres * 100:0.#} cm, {strongest.Material}; contaminated at ≥ {rules.ContaminatedMinSpectra})"));
        }
        else if (evidence.LargestCluster is { } largest && largest.Hits >= rules.SuspectMinSpectra)
        {
            found(SegmentVerdict.Suspect, "suspect-spectra",
                Text($"{largest.Hits} spectra with contaminant p ≥ {rules.SuspectProbability} in one cluster (over {largest.ExtentMetres * 100:0.#} cm, {largest.Material}; suspect at ≥ {rules.SuspectMinSpectra})"));
        }
    }

    private void JudgeDispersed(SegmentEvidence evidence, Action<SegmentVerdict, string, string> found)
    {
        // Clean ore misreads spectra independently, so its hits are isolated: the number of separate clusters
        // (a lone hit is one) is ~Binomial(spectra, CleanHitRate). One item makes one cluster however many hits it
        // gives, so this test only fires on many separate events: shredded or scattered waste.
        var events = evidence.Clusters;
        if (events == 0)
        {
            return;
        }

        var tail = BinomialTail.AtLeast(events, evidence.Spectra, rules.CleanHitRate);
        if (tail < rules.DispersedContaminatedProbability)
        {
            found(SegmentVerdict.Contaminated, "dispersed-contaminant-spectra",
                Text($"{events} separate hits in {evidence.Spectra} spectra (p ≥ {rules.SuspectProbability}): chance from clean ore (hit rate {rules.CleanHitRate}) {tail:0.#e0} < {rules.DispersedContaminatedProbability}"));
        }
        else if (tail < rules.DispersedSuspectProbability)
        {
            found(SegmentVerdict.Suspect, "dispersed-suspect-spectra",
                Text($"{events} separate hits in {evidence.Spectra} spectra (p ≥ {rules.SuspectProbability}): chance from clean ore (hit rate {rules.CleanHitRate}) {tail:0.#e0} < {rules.DispersedSuspectProbability}"));
        }
    }

    private static List<MaterialShare> Shares(SegmentEvidence evidence, double lengthMetres, double beltWidthMetres)
    {
        var surfaceCm2 = lengthMetres * beltWidthMetres * 10_000;
        var clusterItems = evidence.ItemClusters
            .GroupBy(c => c.Material, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var materials = new SortedSet<string>(evidence.ContaminantSpectraByMaterial.Keys, StringComparer.OrdinalIgnoreCase);
        materials.UnionWith(evidence.DetectionsByMaterial.Keys);
        materials.UnionWith(clusterItems.Keys);
        var shares = new List<MaterialShare>(materials.Count);
        foreach (var material in materials)
        {
            var spectra = evidence.ContaminantSpectraByMaterial.GetValueOrDefault(material);
            var (detections, area) = evidence.DetectionsByMaterial.GetValueOrDefault(material);
            shares.Add(new MaterialShare(
                material,
                spectra,
                evidence.Spectra > 0 ? spectra / (double)evidence.Spectra : 0,
                detections,
                area,
                surfaceCm2 > 0 ? Math.Min(1, area / surfaceCm2) : 0)
            {
                SpectralItems = clusterItems.GetValueOrDefault(material),
            });
        }

        return shares;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
