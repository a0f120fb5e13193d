using SmartCustoms.Edge.Ui.Auth;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>The sign-in page: a tile per user, then a large PIN keypad (gloves, touchscreen).</summary>
internal static class SignInPage
{
    public static string Render(IReadOnlyList<(string Name, UiRole Role)> users, IReadOnlyList<(string Name, string Pin, string Role)>? demo = null)
    {
        var tiles = users.Count == 0
            ? "<p class=\"notice\">No users are configured (Ui:Users). The lane view stays read-only.</p>"
            : string.Concat(users.Select(u =>
                $"<button type=\"button\" class=\"user-tile\" data-user=\"{Html.E(u.Name)}\"><span class=\"user-name\">{Html.E(u.Name)}</span><span class=\"user-role\">{UiPermissions.Name(u.Role)}</span></button>"));
        // Only with --simulate and no configured users: the demo PINs are no secret, and saying so avoids guessing.
        var demoHint = demo is null ? string.Empty
            : "<p class=\"notice\" id=\"demo-users\">Simulator demo users (not for production): "
              + string.Join(" · ", demo.Select(d => $"{Html.E(d.Name)} {Html.E(d.Pin)}")) + "</p>";
        var keys = string.Concat("123456789".Select(k => $"<button type=\"button\" class=\"key\" data-key=\"{k}\">{k}</button>"))
            + "<button type=\"button\" class=\"key key-wide\" data-key=\"clear\">Clear</button><button type=\"button\" class=\"key\" data-key=\"0\">0</button><button type=\"button\" class=\"key key-wide\" data-key=\"back\">⌫</button>";
        return Html.Page("Sign in", "page-signin", $"""
            <header class="topbar">
              <a class="brand" href="/">SmartCustoms · Lane</a>
              <a class="btn btn-ghost" href="/">Back to lane view</a>
            </header>
            <main class="signin">
              <section class="card">
                <h1>Sign in</h1>
                <p class="hint">1 · Tap your name</p>
                <div class="user-tiles" id="users">{tiles}</div>
                {demoHint}
              </section>
              <section class="card">
                <form id="signin-form" autocomplete="off">
                  <p class="hint">2 · Enter your PIN</p>
                  <input type="hidden" id="name" name="name">
                  <p class="chosen" id="chosen">No name chosen</p>
                  <input id="pin" name="pin" type="password" inputmode="numeric" maxlength="8" aria-label="PIN" placeholder="PIN">
                  <div class="keypad">{keys}</div>
                  <p class="message" id="message" role="alert"></p>
                  <button type="submit" class="btn btn-primary btn-block" id="signin-button">Sign in</button>
                </form>
              </section>
            </main>
            """, "signin.js");
    }
}
