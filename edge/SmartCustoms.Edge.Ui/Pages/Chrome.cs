using System.Globalization;
using SmartCustoms.Edge.Ui.Auth;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>
/// What every live page shares: the top bar (page tabs, stack light, live indicator, who is signed in), the
/// banners, the toast and the action dialogs. <c>lane.js</c> fills in whatever of it a page has.
/// </summary>
internal static class Chrome
{
    private static readonly (string Path, string Id, string Label)[] Tabs =
    [
        ("/", "lane", "Lane"),
        ("/ui/alarms", "alarms", "Alarms"),
        ("/ui/lots", "lots", "Lots"),
        ("/ui/samples", "samples", "Samples"),
        ("/ui/devices", "devices", "Devices"),
    ];

    /// <summary>The opening <c>#app</c> element carrying the session for the script, the top bar and the banners.</summary>
    public static string Open(UiSession? session, TimeSpan signOutAfter, string active, string? camera = null)
    {
        var allowed = session is null ? string.Empty : string.Join(' ', UiPermissions.For(session.Role));
        var who = session is null
            ? "<a class=\"btn btn-primary\" id=\"signin-link\" href=\"/ui/sign-in\">Sign in</a>"
            : $"<span class=\"who\" id=\"who\"><b>{Html.E(session.User)}</b><span class=\"role\">{UiPermissions.Name(session.Role)}</span></span><button type=\"button\" class=\"btn btn-ghost\" id=\"signout\">Sign out</button>";
        var readOnly = session is { Role: UiRole.RemoteOfficer } ? "<span class=\"readonly\" id=\"readonly\">read-only</span>" : string.Empty;
        var tabs = string.Concat(Tabs.Select(t =>
            $"<a class=\"tab{(t.Id == active ? " active" : "")}\" id=\"tab-{t.Id}\" href=\"{t.Path}\"{(t.Id == active ? " aria-current=\"page\"" : "")}>{t.Label}</a>"));
        var seconds = ((int)signOutAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return $"""
            <div id="app" data-page="{active}" data-user="{Html.E(session?.User)}" data-role="{(session is null ? "" : UiPermissions.Name(session.Role))}" data-allowed="{allowed}" data-signout-seconds="{seconds}" data-camera="{Html.E(camera)}">
            <header class="topbar">
              <a class="brand" href="/">SmartCustoms</a>
              <nav class="tabs" aria-label="Pages">{tabs}</nav>
              <span class="stack" id="stack" role="img" aria-label="Stack light"><span class="lamp lamp-red"></span><span class="lamp lamp-amber"></span><span class="lamp lamp-green"></span><span id="stack-text">—</span></span>
              <span class="conn" id="conn">connecting…</span>
              <span class="spacer"></span>
              <button type="button" class="btn btn-ghost" id="btn-mode" hidden>Maintenance</button>
              {readOnly}{who}
            </header>
            <div id="banners" aria-live="assertive"></div>
            """;
    }

    /// <summary>The toast, the action dialogs and the end of <c>#app</c>.</summary>
    public static string Close() => """
        <div class="toast" id="toast" role="status" hidden></div>
        <dialog id="dlg-start-lot" class="dialog">
          <form method="dialog" id="form-start-lot">
            <h2>Start lot</h2>
            <div class="form-grid">
              <label>Lot id<input name="lotId" required maxlength="64"></label>
              <label>Declaration number<input name="declarationNumber" required maxlength="64"></label>
              <label>Vessel<input name="vessel" required maxlength="64"></label>
              <label>Declared brand<input name="declaredBrand" required maxlength="64" list="brands"></label>
              <label>Declared mass (t)<input name="declaredMassTonnes" required inputmode="decimal" type="number" min="0.001" step="any"></label>
              <label>HS code<input name="hsCode" required inputmode="numeric" maxlength="13" value="2601110000"></label>
            </div>
            <datalist id="brands"><option value="Pilbara Blend fines"><option value="Newman fines"><option value="Carajas fines"><option value="Kumba lump"></datalist>
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-primary">Start lot</button></div>
          </form>
        </dialog>
        <dialog id="dlg-ack" class="dialog">
          <form method="dialog" id="form-ack">
            <h2>Acknowledge alarm</h2>
            <p id="ack-message" class="ack-message"></p>
            <input type="hidden" name="alarmId">
            <label>Note<textarea name="note" rows="3" maxlength="500" placeholder="What was done (optional)"></textarea></label>
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-primary">Acknowledge</button></div>
          </form>
        </dialog>
        <dialog id="dlg-increment" class="dialog">
          <form method="dialog" id="form-increment">
            <h2>Request a manual increment</h2>
            <label>Reason<input name="reason" maxlength="200" value="operator request"></label>
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-primary">Request</button></div>
          </form>
        </dialog>
        <dialog id="dlg-end-lot" class="dialog">
          <form method="dialog" id="form-end-lot">
            <h2>End lot <span id="end-lot-id"></span>?</h2>
            <p>The lot closes and its final verdict is published. Material still on the belt counts into it.</p>
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-danger">End lot</button></div>
          </form>
        </dialog>
        <dialog id="dlg-release" class="dialog">
          <form method="dialog" id="form-release">
            <h2>Release the HOLD on lot <span id="release-lot-id"></span>?</h2>
            <p>After the manual inspection: the lot leaves HOLD (its samples still go to the lab as SUSPECT); new HOLD
               evidence holds it again. The release is recorded with your name and the note.</p>
            <label>Note (required)<textarea name="note" rows="3" maxlength="500" required placeholder="What the inspection found"></textarea></label>
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-danger">Release HOLD</button></div>
          </form>
        </dialog>
        <dialog id="dlg-threshold" class="dialog">
          <form method="dialog" id="form-threshold">
            <h2>Change <span id="threshold-name"></span></h2>
            <p>Applies to every judgement from now on and is kept across restarts. Checked with the same rules as the settings file.</p>
            <input type="hidden" name="name">
            <label>New value<input name="value" required inputmode="decimal" type="number" step="any"></label>
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-primary">Change</button></div>
          </form>
        </dialog>
        <dialog id="dlg-mode" class="dialog">
          <form method="dialog" id="form-mode">
            <h2 id="mode-title">Switch the lane to maintenance?</h2>
            <p id="mode-explain">While in maintenance no lot can start and the sampler makes no cut by itself (a manual
               increment still tests it); device and contamination alarms are not raised, radiation alarms are.</p>
            <input type="hidden" name="mode" value="maintenance">
            <label>Note<input name="note" maxlength="200" placeholder="What is being done (optional)"></label>
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-primary" id="mode-submit">Switch</button></div>
          </form>
        </dialog>
        <dialog id="dlg-calibrate" class="dialog">
          <form method="dialog" id="form-calibrate">
            <h2>Start a dark/white calibration of the <span id="calibrate-device">NIR</span>?</h2>
            <p>The spectrometer takes a dark and a white reference before its next burst; spectra pause for a few seconds.
               Make sure the white tile is in place if the instrument needs it.</p>
            <input type="hidden" name="device" value="nir">
            <p class="message" role="alert"></p>
            <div class="dialog-buttons"><button type="button" class="btn btn-ghost" data-close>Cancel</button><button type="submit" class="btn btn-primary">Calibrate</button></div>
          </form>
        </dialog>
        </div>
        """;

    /// <summary>The lot action buttons (enabled per role and lot state by the script).</summary>
    public const string LotActions = """
        <div class="actions">
          <button type="button" class="btn btn-primary" data-action="start-lot" id="btn-start-lot">Start lot</button>
          <button type="button" class="btn" data-action="end-lot" id="btn-end-lot">End lot</button>
          <button type="button" class="btn" data-action="request-increment" id="btn-increment">Request increment</button>
          <button type="button" class="btn btn-danger" data-action="release-hold" id="btn-release-hold" hidden>Release HOLD</button>
          <a class="btn btn-ghost" id="btn-report" href="#" hidden>Lot report</a>
        </div>
        """;
}
