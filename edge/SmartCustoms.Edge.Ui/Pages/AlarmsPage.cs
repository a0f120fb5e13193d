using System.Text;
using System.Text.Json;
using SmartCustoms.Edge.Ui.Auth;
using SmartCustoms.Edge.Ui.Reports;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>
/// Alarms: the open ones live (acknowledge with a note), and the history of stored alarm events with their
/// evidence (links to <c>/api/evidence/{id}</c> when an event carries evidence ids).
/// </summary>
internal static class AlarmsPage
{
    public static string Render(UiSession? session, TimeSpan signOutAfter, IReadOnlyList<HistoryEntry> history, bool complete)
    {
        var rows = new StringBuilder();
        foreach (var entry in history)
        {
            rows.Append(Row(entry));
        }

        return Html.Page("Alarms", "page-alarms", $"""
            {Chrome.Open(session, signOutAfter, "alarms")}
            <main class="page-grid">
              <section class="card alarms wide">
                <div class="card-head"><h2>Open alarms</h2><span class="count" id="alarm-count">0</span></div>
                <ul class="list tall" id="alarm-list"><li class="empty">No open alarms</li></ul>
              </section>
              <section class="card wide">
                <div class="card-head"><h2>Alarm history</h2><span class="count">{(complete ? "" : "latest only")}</span></div>
                <table class="grid dark" id="alarm-history">
                  <thead><tr><th>Time</th><th>Severity</th><th>Event</th><th>Alarm</th><th>Lot</th><th>Who / note</th><th>Evidence</th></tr></thead>
                  <tbody>{(rows.Length == 0 ? "<tr class=\"empty\"><td colspan=\"7\">No alarm recorded yet</td></tr>" : rows.ToString())}</tbody>
                </table>
              </section>
            </main>
            {Chrome.Close()}
            """, "lane.js");
    }

    private static string Row(HistoryEntry entry)
    {
        var data = entry.Data;
        var ev = Text(data, "event");
        var alarm = data.TryGetProperty("alarm", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var severity = alarm.ValueKind == JsonValueKind.Object ? Text(alarm, "severity") : string.Empty;
        var message = alarm.ValueKind == JsonValueKind.Object ? Text(alarm, "message") : string.Empty;
        var who = alarm.ValueKind == JsonValueKind.Object && ev == "acknowledged"
            ? $"{Html.E(Text(alarm, "acknowledgedBy"))}{(Text(alarm, "acknowledgeNote") is { Length: > 0 } note ? " — " + Html.E(note) : "")}"
            : string.Empty;
        return $"<tr><td>{Html.E(entry.Timestamp.ToLocalTime().ToString("dd MMM HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))}</td>"
            + $"<td>{(severity.Length > 0 ? $"<span class=\"sev sev-{Html.E(severity)}\">{Html.E(severity)}</span>" : "")}</td>"
            + $"<td>{Html.E(ev)}</td><td>{Html.E(message)}</td><td>{Html.E(entry.Lot)}</td><td>{who}</td><td>{Evidence(entry)}</td></tr>";
    }

    /// <summary>Links to the evidence of an event, or a dash when it carries none.</summary>
    public static string Evidence(HistoryEntry entry)
    {
        var ids = entry.EvidenceIds();
        return ids.Count == 0
            ? "<span class=\"muted\">—</span>"
            : string.Join(" ", ids.Select(id => $"<a class=\"btn btn-small\" href=\"/api/evidence/{Uri.EscapeDataString(id)}\">{Html.E(id.Length > 14 ? id[..14] + "…" : id)}</a>"));
    }

    public static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;
}
