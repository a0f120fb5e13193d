using System.Globalization;
using System.Text;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Ui.Pages;

namespace SmartCustoms.Edge.Ui.Reports;

/// <summary>The printable lot report: declaration, totals, verdict with every reason, sampling plan, increments.</summary>
internal static class LotReportPage
{
    public static string Render(LotSnapshot lot, IReadOnlyList<IncrementRecord> increments, bool incrementsComplete, DateTimeOffset printedAt)
    {
        var d = lot.Declaration;
        var inv = CultureInfo.InvariantCulture;
        var reasons = lot.Verdict.Reasons.Count == 0
            ? "<li>No finding: every judged segment was clear.</li>"
            : string.Concat(lot.Verdict.Reasons.Select(r => $"<li><code>{Html.E(r.Code)}</code> {Html.E(r.Message)}</li>"));
        var items = lot.ItemsByMaterial.Count == 0
            ? "none"
            : string.Join(", ", lot.ItemsByMaterial.Select(kv => $"{Html.E(kv.Key)}: {kv.Value.ToString(inv)}"));
        var taken = lot.IncrementsTaken.Count == 0
            ? "none"
            : string.Join(", ", lot.IncrementsTaken.Select(kv => $"{Html.E(kv.Key)}: {kv.Value.ToString(inv)}"));
        var rows = new StringBuilder();
        foreach (var i in increments)
        {
            rows.Append(inv, $"<tr><td>{i.Id}</td><td>{Lower(i.Reason)}</td><td class=\"st-{Lower(i.State)}\">{Lower(i.State)}</td><td>{Time(i.PlannedAt)}</td><td>{(i.TakenAt is { } t ? Time(t) : "—")}</td><td class=\"num\">{i.MassKg:0.0}{(i.MassMeasured ? "" : " (est.)")}</td><td>{Html.E(i.Note)}</td></tr>");
        }

        var plan = lot.Plan is { } p
            ? string.Create(inv, $"{Html.E(p.Scheme.ToString())}, n₁ = {p.Increments}, Δm = {p.MassIntervalTonnes:0.##} t, Δt = {p.TimeIntervalSeconds:0} s, seed {p.Seed}")
            : "—";
        var verdictClass = lot.Verdict.Level.ToString().ToLowerInvariant();
        var body = $"""
            <header class="topbar no-print">
              <a class="btn btn-ghost" href="/">Back to lane view</a>
              <span class="spacer"></span>
              <button type="button" class="btn btn-primary" id="print">Print</button>
            </header>
            <main class="report">
              <div class="report-head">
                <div>
                  <h1>Lot report · {Html.E(d.LotId)}</h1>
                  <p class="muted">Printed {Time(printedAt)} · {(lot.EndedAt is null ? "lot still open: figures are provisional" : "lot closed")}</p>
                </div>
                <div class="verdict big v-{verdictClass}" id="report-verdict">{lot.Verdict.Level.ToString().ToUpperInvariant()}</div>
              </div>
              <h2>Declaration</h2>
              <table class="kv">
                <tr><th>Declaration number</th><td>{Html.E(d.DeclarationNumber)}</td><th>Vessel</th><td>{Html.E(d.Vessel)}</td></tr>
                <tr><th>Declared brand</th><td>{Html.E(d.DeclaredBrand)}</td><th>HS code</th><td>{Html.E(d.HsCode)}</td></tr>
                <tr><th>Declared mass</th><td>{d.DeclaredMassTonnes.ToString("#,0.###", inv)} t</td><th>Measured mass</th><td>{lot.Tonnes.ToString("#,0.###", inv)} t</td></tr>
                <tr><th>Started</th><td>{Time(lot.StartedAt)}</td><th>Ended</th><td>{(lot.EndedAt is { } e ? Time(e) : "open")}</td></tr>
              </table>
              <h2>Verdict and reasons</h2>
              <ul class="reasons">{reasons}</ul>
              <h2>Totals</h2>
              <table class="kv">
                <tr><th>Segments clear / suspect / contaminated</th><td>{lot.ClearSegments.ToString(inv)} / {lot.SuspectSegments.ToString(inv)} / {lot.ContaminatedSegments.ToString(inv)}</td></tr>
                <tr><th>Items by material</th><td>{items}</td></tr>
                <tr><th>Radiation alarm during the lot</th><td>{(lot.RadiationAlarm ? "yes" : "no")}</td></tr>
                <tr><th>Brand conformity</th><td>{Html.E(lot.Brand.State.ToString())}: {Html.E(lot.Brand.Message)}</td></tr>
                <tr><th>Sampling plan (ISO 3082)</th><td>{plan}</td></tr>
                <tr><th>Increments taken</th><td>{taken}</td></tr>
              </table>
              <h2>Increments</h2>
              {(increments.Count == 0 ? "<p>No increment recorded for this lot.</p>" : $"<table class=\"grid\"><thead><tr><th>Id</th><th>Reason</th><th>State</th><th>Planned</th><th>Taken</th><th>Mass kg</th><th>Note</th></tr></thead><tbody>{rows}</tbody></table>")}
              {(incrementsComplete ? "" : $"<p class=\"muted\">Only the last {LotIncrementReader.MaxScanned.ToString("#,0", inv)} stored events were searched for increments.</p>")}
              <footer class="report-foot">Verdict and totals as recorded by the lane gateway. Signatures: operator ____________ customs officer ____________</footer>
            </main>
            """;
        return Html.Page($"Lot {d.LotId}", "page-report", body, "report.js");
    }

    private static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
