using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCustoms.Edge.Ui.Auth;
using SmartCustoms.Edge.Ui.Reports;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>Lots: the open lot (start / end / increment / release a HOLD) live, the verdict thresholds, and the history of ended lots with verdicts, reasons and reports.</summary>
internal static class LotsPage
{
    public static string Render(UiSession? session, TimeSpan signOutAfter, IReadOnlyList<HistoryEntry> ended, bool complete, IReadOnlyDictionary<string, double> thresholds)
    {
        var rows = new StringBuilder();
        foreach (var entry in ended)
        {
            rows.Append(Row(entry.Data));
        }

        return Html.Page("Lots", "page-lots", $"""
            {Chrome.Open(session, signOutAfter, "lots")}
            <main class="page-grid">
              <section class="card lot" id="lot-card">
                <div class="card-head"><h2>Open lot</h2><span class="verdict" id="lot-verdict">no lot</span></div>
                <div class="lot-id" id="lot-id">No lot open</div>
                <div class="lot-decl" id="lot-decl"></div>
                <div class="figures four">
                  <div class="fig"><span class="fig-val" id="fig-tonnes">—</span><span class="fig-label">tonnes (of <span id="fig-declared">—</span>)</span></div>
                  <div class="fig"><span class="fig-val" id="fig-flow">—</span><span class="fig-label">flow t/h</span></div>
                  <div class="fig"><span class="fig-val" id="fig-speed">—</span><span class="fig-label">belt m/s</span></div>
                  <div class="fig"><span class="fig-val" id="fig-segments">—</span><span class="fig-label">segments clear / suspect / contam.</span></div>
                </div>
                {Chrome.LotActions}
                <ul class="reasons" id="lot-reasons"></ul>
              </section>
              <section class="card wide">
                <div class="card-head"><h2>Lot history</h2><span class="count">{(complete ? "" : "latest only")}</span></div>
                <table class="grid dark" id="lot-history">
                  <thead><tr><th>Lot</th><th>Declaration · vessel · brand</th><th>Started</th><th>Ended</th><th class="num">Tonnes</th><th>Verdict</th><th>Reasons</th><th>Report</th></tr></thead>
                  <tbody>{(rows.Length == 0 ? "<tr class=\"empty\"><td colspan=\"8\">No lot has ended yet</td></tr>" : rows.ToString())}</tbody>
                </table>
              </section>
              {ThresholdPanel.Render(thresholds)}
            </main>
            {Chrome.Close()}
            """, "lane.js");
    }

    private static string Row(JsonElement lot)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = lot.TryGetProperty("declaration", out var decl) ? decl : default;
        var lotId = AlarmsPage.Text(d, "lotId");
        var verdict = lot.TryGetProperty("verdict", out var v) ? v : default;
        var level = AlarmsPage.Text(verdict, "level");
        var reasons = verdict.ValueKind == JsonValueKind.Object && verdict.TryGetProperty("reasons", out var r) && r.ValueKind == JsonValueKind.Array
            ? string.Join("; ", r.EnumerateArray().Select(x => AlarmsPage.Text(x, "message")))
            : string.Empty;
        var tonnes = lot.TryGetProperty("tonnes", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble().ToString("N1", inv) : "—";
        return $"<tr><td><b>{Html.E(lotId)}</b></td><td>{Html.E(AlarmsPage.Text(d, "declarationNumber"))} · {Html.E(AlarmsPage.Text(d, "vessel"))} · {Html.E(AlarmsPage.Text(d, "declaredBrand"))}</td>"
            + $"<td>{When(AlarmsPage.Text(lot, "startedAt"))}</td><td>{When(AlarmsPage.Text(lot, "endedAt"))}</td><td class=\"num\">{tonnes}</td>"
            + $"<td><span class=\"verdict v-{Html.E(level)}\">{Html.E(level)}</span></td><td>{(reasons.Length == 0 ? "<span class=\"muted\">no finding</span>" : Html.E(reasons))}</td>"
            + $"<td><a class=\"btn btn-small\" href=\"/lots/{Uri.EscapeDataString(lotId)}/report\">Report</a></td></tr>";
    }

    private static string When(string iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToLocalTime().ToString("dd MMM HH:mm", CultureInfo.InvariantCulture)
            : "—";
}
