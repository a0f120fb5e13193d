using System.Globalization;
using System.Text;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>
/// The verdict thresholds card of the lots page: every threshold a supervisor may change at run time, its value
/// now and what it decides; a <b>Change</b> button per row (supervisor only: aria-disabled and explained for others).
/// </summary>
internal static class ThresholdPanel
{
    private static readonly Dictionary<string, string> Meaning = new(StringComparer.Ordinal)
    {
        ["SuspectProbability"] = "a spectrum is a hit at contaminant p ≥",
        ["ContaminantProbability"] = "a hit is strong at p ≥",
        ["SuspectMinSpectra"] = "segment SUSPECT: hits in one cluster ≥",
        ["ContaminatedMinSpectra"] = "segment CONTAMINATED: strong hits in one cluster ≥",
        ["SuspectMinOodSpectra"] = "segment SUSPECT: out-of-distribution spectra ≥",
        ["VisualSuspectScore"] = "camera: suspect detection score ≥",
        ["VisualSuspectMinSizeCm"] = "camera: suspect detection size (cm) ≥",
        ["VisualContaminatedScore"] = "camera: contaminant detection score ≥",
        ["VisualContaminatedMinSizeCm"] = "camera: contaminant detection size (cm) ≥",
        ["LotSuspectSuspectSegments"] = "lot SUSPECT: suspect segments ≥",
        ["LotSuspectSuspectShare"] = "lot SUSPECT: and suspect segments as a share of the lot (0.01 = 1 %) ≥",
        ["LotSuspectContaminatedSegments"] = "lot SUSPECT: contaminated segments ≥",
        ["LotHoldContaminatedSegments"] = "lot HOLD: contaminated segments ≥",
    };

    public static string Render(IReadOnlyDictionary<string, double> thresholds)
    {
        var rows = new StringBuilder();
        foreach (var (name, value) in thresholds)
        {
            var text = value.ToString("0.######", CultureInfo.InvariantCulture);
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr data-threshold="{Html.E(name)}"><td><code>{Html.E(name)}</code></td><td>{Html.E(Meaning.GetValueOrDefault(name, string.Empty))}</td><td class="num threshold-value">{text}</td><td><button type="button" class="btn btn-small" data-action="set-threshold" data-name="{Html.E(name)}" data-value="{text}">Change</button></td></tr>
                """);
        }

        return $"""
            <section class="card wide" id="thresholds-card">
              <div class="card-head"><h2>Verdict thresholds</h2><span class="count">supervisor changes apply at once and survive a restart</span></div>
              <table class="grid dark" id="threshold-table">
                <thead><tr><th>Lane:Verdicts key</th><th>Decides</th><th class="num">Value</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
              </table>
            </section>
            """;
    }
}
