using System.Globalization;
using SmartCustoms.Edge.Ui.Auth;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>
/// The lane view's frame. Everything live is filled in by <c>lane.js</c> from <c>/ui/stream</c>; the page
/// carries who is signed in and which actions their role allows (the server checks again on every action).
/// </summary>
internal static class LanePage
{
    public static string Render(UiSession? session, TimeSpan signOutAfter)
    {
        var allowed = session is null ? string.Empty : string.Join(' ', UiPermissions.For(session.Role));
        var who = session is null
            ? "<a class=\"btn btn-primary\" id=\"signin-link\" href=\"/ui/sign-in\">Sign in</a>"
            : $"<span class=\"who\" id=\"who\"><b>{Html.E(session.User)}</b> · {UiPermissions.Name(session.Role)}</span><button type=\"button\" class=\"btn btn-ghost\" id=\"signout\">Sign out</button>";
        var seconds = ((int)signOutAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Html.Page("Lane", "page-lane", $"""
            <div id="app" data-user="{Html.E(session?.User)}" data-role="{(session is null ? "" : UiPermissions.Name(session.Role))}" data-allowed="{allowed}" data-signout-seconds="{seconds}">
            <header class="topbar">
              <span class="brand">SmartCustoms · Lane</span>
              <span class="stack" id="stack" title="Stack light"><span class="lamp lamp-red"></span><span class="lamp lamp-amber"></span><span class="lamp lamp-green"></span><span id="stack-text">—</span></span>
              <span class="conn" id="conn">connecting…</span>
              <span class="spacer"></span>
              {who}
            </header>
            <div id="banners" aria-live="assertive"></div>
            <main class="lane">
              <section class="card lot" id="lot-card">
                <div class="card-head"><h2>Lot</h2><span class="verdict" id="lot-verdict">no lot</span></div>
                <div class="lot-id" id="lot-id">No lot open</div>
                <div class="lot-decl" id="lot-decl"></div>
                <div class="figures">
                  <div class="fig"><span class="fig-val" id="fig-tonnes">—</span><span class="fig-label">tonnes (of <span id="fig-declared">—</span>)</span></div>
                  <div class="fig"><span class="fig-val" id="fig-flow">—</span><span class="fig-label">flow t/h</span></div>
                  <div class="fig"><span class="fig-val" id="fig-speed">—</span><span class="fig-label">belt m/s</span></div>
                  <div class="fig"><span class="fig-val" id="fig-segments">—</span><span class="fig-label">segments clear / suspect / contam.</span></div>
                </div>
                <div class="actions">
                  <button type="button" class="btn btn-primary" data-action="start-lot" id="btn-start-lot">Start lot</button>
                  <button type="button" class="btn" data-action="end-lot" id="btn-end-lot">End lot</button>
                  <button type="button" class="btn" data-action="request-increment" id="btn-increment">Request increment</button>
                  <a class="btn btn-ghost" id="btn-report" href="#" hidden>Lot report</a>
                </div>
                <ul class="reasons" id="lot-reasons"></ul>
              </section>
              <section class="card belt">
                <div class="card-head"><h2>Belt</h2><span class="legend"><i class="sw sw-clear"></i>clear <i class="sw sw-suspect"></i>suspect <i class="sw sw-contaminated"></i>contaminated</span></div>
                <svg id="belt-svg" viewBox="0 0 1000 150" role="img" aria-label="Belt diagram"></svg>
              </section>
              <section class="card alarms">
                <div class="card-head"><h2>Alarms</h2><span class="count" id="alarm-count">0</span></div>
                <ul class="list" id="alarm-list"><li class="empty">No open alarms</li></ul>
              </section>
              <section class="card devices">
                <div class="card-head"><h2>Devices</h2></div>
                <ul class="list" id="device-list"><li class="empty">No device has reported yet</li></ul>
                <div class="sampler" id="sampler"></div>
              </section>
              <section class="card increments">
                <div class="card-head"><h2>Increments</h2></div>
                <ul class="list" id="increment-list"><li class="empty">None yet</li></ul>
              </section>
              <section class="card feed">
                <div class="card-head"><h2>Events</h2><span class="count" id="last-seq">seq —</span></div>
                <ul class="list small" id="event-list"><li class="empty">Waiting for stored events…</li></ul>
              </section>
            </main>
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
            </div>
            """, "lane.js");
    }
}
