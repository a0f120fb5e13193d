using SmartCustoms.Edge.Ui.Auth;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>
/// The lane view's frame. Everything live is filled in by <c>lane.js</c> from <c>/ui/stream</c> (and the camera
/// image is the <c>/video/{camera}.mjpg</c> stream); the page carries who is signed in and which actions their
/// role allows (the server checks again on every action).
/// </summary>
internal static class LanePage
{
    public static string Render(UiSession? session, TimeSpan signOutAfter, string? camera)
    {
        var video = camera is null
            ? "<p class=\"empty-media\">This lane has no camera.</p>"
            : $"<img id=\"camera-img\" class=\"camera-img\" data-src=\"/video/{Uri.EscapeDataString(camera)}.mjpg\" alt=\"Live camera {Html.E(camera)} with detection boxes\">";
        return Html.Page("Lane", "page-lane", $"""
            {Chrome.Open(session, signOutAfter, "lane", camera)}
            <main class="lane">
              <section class="card belt">
                <div class="card-head"><h2>Belt</h2><span class="legend"><i class="sw sw-clear"></i>clear <i class="sw sw-suspect"></i>suspect <i class="sw sw-contaminated"></i>contaminated</span></div>
                <svg id="belt-svg" viewBox="0 0 1000 150" role="img" aria-label="Belt diagram"></svg>
              </section>
              <section class="card lot" id="lot-card">
                <div class="card-head"><h2>Lot</h2><span class="verdict" id="lot-verdict">no lot</span></div>
                <div class="lot-id" id="lot-id">No lot open</div>
                <div class="lot-decl" id="lot-decl"></div>
                <div class="figures">
                  <div class="fig"><span class="fig-val" id="fig-tonnes">—</span><span class="fig-label">tonnes (of <span id="fig-declared">—</span>)</span></div>
                  <div class="fig"><span class="fig-val" id="fig-flow">—</span><span class="fig-label">flow t/h</span></div>
                  <div class="fig"><span class="fig-val" id="fig-speed">—</span><span class="fig-label">belt m/s</span></div>
                  <div class="fig"><span class="fig-val" id="fig-segments">—</span><span class="fig-label">segments clear / susp. / cont.</span></div>
                  <div class="fig" id="fig-radiation-box"><span class="fig-val" id="fig-radiation">—</span><span class="fig-label">radiation nSv/h <span id="fig-radiation-state"></span></span></div>
                  <div class="fig"><span class="fig-val" id="fig-bin">—</span><span class="fig-label">sample bin fill</span></div>
                </div>
                {Chrome.LotActions}
                <ul class="reasons" id="lot-reasons"></ul>
              </section>
              <section class="card alarms">
                <div class="card-head"><h2>Alarms</h2><span class="count" id="alarm-count">0</span></div>
                <ul class="list" id="alarm-list"><li class="empty">No open alarms</li></ul>
              </section>
              <section class="card camera">
                <div class="card-head"><h2>Camera</h2><span class="count" id="camera-name">{Html.E(camera ?? "none")}</span></div>
                {video}
              </section>
              <section class="card spectrum">
                <div class="card-head"><h2>Latest spectrum</h2><span class="reading" id="spectrum-reading">—</span></div>
                <svg id="spectrum-svg" viewBox="0 0 400 150" role="img" aria-label="Latest NIR spectrum"></svg>
                <div class="sub" id="spectrum-sub"></div>
              </section>
              <section class="card increments">
                <div class="card-head"><h2>Increments</h2></div>
                <ul class="list" id="increment-list"><li class="empty">None yet</li></ul>
              </section>
              <section class="card devices">
                <div class="card-head"><h2>Devices</h2></div>
                <ul class="list" id="device-list"><li class="empty">No device has reported yet</li></ul>
                <div class="sampler" id="sampler"></div>
              </section>
              <section class="card feed">
                <div class="card-head"><h2>Events</h2><span class="count" id="last-seq">seq —</span></div>
                <ul class="list small" id="event-list"><li class="empty">Waiting for stored events…</li></ul>
              </section>
            </main>
            {Chrome.Close()}
            """, "lane.js");
    }
}
