using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Ui.Options;

namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>
/// Server-side sessions behind an opaque cookie: a session ends after <c>Ui:SignOutAfter</c> without activity
/// (monotonic time, so clock changes do not sign anyone in or out) and all end when the gateway restarts.
/// The cookie is HttpOnly, SameSite=Strict and expires with the session. Thread-safe (one lock).
/// </summary>
internal sealed class UiSessions(IOptions<UiOptions> options, TimeProvider time)
{
    public const string CookieName = "sc_ui_session";
    private const int MaxSessions = 256;

    private readonly Dictionary<string, UiSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeSpan _idle = options.Value.SignOutAfter;

    public TimeSpan SignOutAfter => _idle;

    public UiSession Start(UiUser user, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(response);
        var session = new UiSession(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
            user.Name, user.Role, time.GetTimestamp());
        lock (_gate)
        {
            Expire();
            if (_sessions.Count >= MaxSessions)
            {
                _sessions.Remove(_sessions.Values.MinBy(s => s.LastActivity)!.Id);
            }

            _sessions[session.Id] = session;
        }

        WriteCookie(response, session.Id);
        return session;
    }

    /// <summary>The request's live session, or null. With <paramref name="touch"/> it counts as activity and the cookie is renewed.</summary>
    public UiSession? Find(HttpContext http, bool touch)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(CookieName, out var id) || string.IsNullOrEmpty(id))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                return null;
            }

            var now = time.GetTimestamp();
            if (time.GetElapsedTime(session.LastActivity, now) > _idle)
            {
                _sessions.Remove(id);
                return null;
            }

            if (touch)
            {
                session.LastActivity = now;
                WriteCookie(http.Response, id);
            }

            return session;
        }
    }

    /// <summary>Time left before automatic sign-out.</summary>
    public TimeSpan Remaining(UiSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            var left = _idle - time.GetElapsedTime(session.LastActivity);
            return left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }
    }

    public void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies.TryGetValue(CookieName, out var id) && id is not null)
        {
            lock (_gate)
            {
                _sessions.Remove(id);
            }
        }

        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }

    private void WriteCookie(HttpResponse response, string id)
    {
        if (response.HasStarted)
        {
            return;
        }

        response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = _idle,
            IsEssential = true,
        });
    }

    private void Expire()
    {
        var now = time.GetTimestamp();
        foreach (var stale in _sessions.Values.Where(s => time.GetElapsedTime(s.LastActivity, now) > _idle).ToList())
        {
            _sessions.Remove(stale.Id);
        }
    }
}
