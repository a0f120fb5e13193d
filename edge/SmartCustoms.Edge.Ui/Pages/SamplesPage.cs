using SmartCustoms.Edge.Ui.Auth;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>Samples: the sampler and its bin live, the recent increments with reason and status, a manual increment.</summary>
internal static class SamplesPage
{
    public static string Render(UiSession? session, TimeSpan signOutAfter) => Html.Page("Samples", "page-samples", $"""
        {Chrome.Open(session, signOutAfter, "samples")}
        <main class="page-grid">
          <section class="card" id="sampler-card">
            <div class="card-head"><h2>Sampler</h2><span class="verdict" id="sampler-state">—</span></div>
            <div class="bin"><div class="bin-fill" id="bin-fill"></div><span class="bin-text" id="bin-text">—</span></div>
            <dl class="kv" id="sampler-kv"><dt>Status</dt><dd>not read yet</dd></dl>
            <div class="actions one">
              <button type="button" class="btn btn-primary" data-action="request-increment" id="btn-increment">Request manual increment</button>
            </div>
          </section>
          <section class="card wide2">
            <div class="card-head"><h2>Increments</h2><span class="count" id="increment-count"></span></div>
            <table class="grid dark" id="increment-table">
              <thead><tr><th>#</th><th>Lot</th><th>Reason</th><th>Status</th><th>Planned</th><th>Taken</th><th class="num">Mass kg</th><th>Note</th></tr></thead>
              <tbody><tr class="empty"><td colspan="8">Waiting for the lane…</td></tr></tbody>
            </table>
          </section>
        </main>
        {Chrome.Close()}
        """, "lane.js");
}
