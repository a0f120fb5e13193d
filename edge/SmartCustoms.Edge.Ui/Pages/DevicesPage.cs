using System.Globalization;
using System.Text;
using SmartCustoms.Edge.Ui.Auth;
using SmartCustoms.Edge.Ui.Reports;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>
/// Devices: health with reason and since when, each device's last reading, the calibration in use and its age,
/// a dark/white calibration on request (technician or supervisor), and the recent calibration events.
/// </summary>
internal static class DevicesPage
{
    public static string Render(UiSession? session, TimeSpan signOutAfter, IReadOnlyList<HistoryEntry> calibrations)
    {
        var rows = new StringBuilder();
        foreach (var c in calibrations)
        {
            var d = c.Data;
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.E(c.Timestamp.ToLocalTime().ToString("dd MMM HH:mm:ss", CultureInfo.InvariantCulture))}</td><td><code>{Html.E(AlarmsPage.Text(d, "calibrationId"))}</code></td><td>{Html.E(AlarmsPage.Text(d, "reason"))}</td><td>{Number(d, "detectorTemperatureC")} °C</td><td class=\"num\">{Number(d, "unusablePixels")}</td></tr>");
        }

        return Html.Page("Devices", "page-devices", $"""
            {Chrome.Open(session, signOutAfter, "devices")}
            <main class="page-grid">
              <section class="card wide">
                <div class="card-head"><h2>Devices</h2><span class="count" id="devices-summary"></span></div>
                <table class="grid dark" id="device-table">
                  <thead><tr><th>Device</th><th>Health</th><th>Reason</th><th>Since</th><th>Last reading</th></tr></thead>
                  <tbody><tr class="empty"><td colspan="5">Waiting for the lane…</td></tr></tbody>
                </table>
              </section>
              <section class="card wide">
                <div class="card-head"><h2>Calibration</h2>
                  <button type="button" class="btn btn-primary" data-action="calibrate" id="btn-calibrate">Start dark/white calibration</button></div>
                <div id="calibration-now" class="calibration-now"><span class="muted">No calibration reported yet</span></div>
                <table class="grid dark" id="calibration-history">
                  <thead><tr><th>Taken</th><th>Calibration</th><th>Why</th><th>Detector</th><th class="num">Unusable px</th></tr></thead>
                  <tbody>{(rows.Length == 0 ? "<tr class=\"empty\"><td colspan=\"5\">No calibration event stored yet</td></tr>" : rows.ToString())}</tbody>
                </table>
              </section>
            </main>
            {Chrome.Close()}
            """, "lane.js");
    }

    private static string Number(System.Text.Json.JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble().ToString("0.##", CultureInfo.InvariantCulture) : "—";
}
