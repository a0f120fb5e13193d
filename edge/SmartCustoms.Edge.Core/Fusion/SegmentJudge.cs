using System.Globalization;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Fusion;

/// <summary>
/// The segment verdict rules (thresholds from <c>Lane:Verdicts</c>):
/// contaminated when ≥ ContaminatedMinSpectra spectra have p ≥ ContaminantProbability, or a detection has
/// score ≥ VisualContaminatedScore and size ≥ VisualContaminatedMinSizeCm, or the radiation monitor alarmed;
/// suspect when ≥ SuspectMinSpectra spectra have p ≥ SuspectProbability, or a detection passes the suspect
/// score and size, or ≥ SuspectMinOodSpectra spectra are out of distribution, or radiation was at warning.
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

        var contaminantSpectra = evidence.ContaminantSpectra;
        var suspectOrWorse = evidence.ContaminantSpectra + evidence.SuspectSpectra;
        if (contaminantSpectra >= rules.ContaminatedMinSpectra)
        {
            Found(SegmentVerdict.Contaminated, "contaminant-spectra",
                Text($"{contaminantSpectra} spectra with contaminant p ≥ {rules.ContaminantProbability} (contaminated at ≥ {rules.ContaminatedMinSpectra})"));
        }
        else if (suspectOrWorse >= rules.SuspectMinSpectra)
        {
            Found(SegmentVerdict.Suspect, "suspect-spectra",
                Text($"{suspectOrWorse} spectra with contaminant p ≥ {rules.SuspectProbability} (suspect at ≥ {rules.SuspectMinSpectra})"));
        }

        if (evidence.ContaminantDetections > 0)
        {
            Found(SegmentVerdict.Contaminated, "contaminant-detections",
                Text($"{evidence.ContaminantDetections} visual detections with score ≥ {rules.VisualContaminatedScore} and size ≥ {rules.VisualContaminatedMinSizeCm} cm"));
        }
        else if (evidence.SuspectDetections > 0)
        {
            Found(SegmentVerdict.Suspect, "suspect-detections",
                Text($"{evidence.SuspectDetections} visual detections with score ≥ {rules.VisualSuspectScore} and size ≥ {rules.VisualSuspectMinSizeCm} cm"));
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

    private static List<MaterialShare> Shares(SegmentEvidence evidence, double lengthMetres, double beltWidthMetres)
    {
        var surfaceCm2 = lengthMetres * beltWidthMetres * 10_000;
        var materials = new SortedSet<string>(evidence.ContaminantSpectraByMaterial.Keys, StringComparer.OrdinalIgnoreCase);
        materials.UnionWith(evidence.DetectionsByMaterial.Keys);
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
                surfaceCm2 > 0 ? Math.Min(1, area / surfaceCm2) : 0));
        }

        return shares;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
