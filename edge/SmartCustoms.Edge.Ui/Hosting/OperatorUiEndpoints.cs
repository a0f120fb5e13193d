using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Ui.Auth;
using SmartCustoms.Edge.Ui.Commands;
using SmartCustoms.Edge.Ui.Options;
using SmartCustoms.Edge.Ui.Pages;
using SmartCustoms.Edge.Ui.Reports;
using SmartCustoms.Edge.Ui.Stream;

namespace SmartCustoms.Edge.Ui.Hosting;

public static partial class OperatorUiEndpoints
{
    /// <summary>
    /// Maps the operator panel: <c>/</c> (lane view), <c>/ui/alarms</c>, <c>/ui/lots</c>, <c>/ui/samples</c>,
    /// <c>/ui/devices</c>, <c>/ui/diagnostics</c>, <c>/ui/sign-in</c>, <c>/ui/sign-out</c>, <c>/ui/session</c>,
    /// <c>/ui/stream</c> (Server-Sent Events), <c>/ui/commands/{name}</c>, <c>/lots/{lotId}/report</c> and
    /// <c>/ui/assets/{file}</c>. Sign-in is checked inside the endpoints (own session cookie), so no
    /// authentication or authorisation middleware is needed.
    /// </summary>
    public static IEndpointRouteBuilder MapOperatorUi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        {
            // Pages must not be framed (clickjacking) and run only their own scripts.
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return await next(context);
        });

        group.MapGet("/", (HttpContext http, UiSessions sessions, InstrumentsView instruments) =>
            Results.Content(LanePage.Render(sessions.Find(http, touch: true), sessions.SignOutAfter, instruments.CameraName), "text/html; charset=utf-8"));

        group.MapGet("/ui/alarms", async (HttpContext http, UiSessions sessions, IEventStore store, CancellationToken ct) =>
        {
            var (history, complete) = await StoredEventHistory.ReadAsync(store, AlarmTypes, HistoryRows, ct);
            return Results.Content(AlarmsPage.Render(sessions.Find(http, touch: true), sessions.SignOutAfter, history, complete), "text/html; charset=utf-8");
        });

        group.MapGet("/ui/lots", async (HttpContext http, UiSessions sessions, IEventStore store, LaneCore core, CancellationToken ct) =>
        {
            var (lots, complete) = await StoredEventHistory.ReadAsync(store, LotTypes, HistoryRows * 4, ct);
            var ended = lots.Where(l => AlarmsPage.Text(l.Data, "event") == "ended").Take(HistoryRows).ToList();
            return Results.Content(LotsPage.Render(sessions.Find(http, touch: true), sessions.SignOutAfter, ended, complete, core.Thresholds), "text/html; charset=utf-8");
        });

        group.MapGet("/ui/samples", (HttpContext http, UiSessions sessions) =>
            Results.Content(SamplesPage.Render(sessions.Find(http, touch: true), sessions.SignOutAfter), "text/html; charset=utf-8"));

        group.MapGet("/ui/devices", async (HttpContext http, UiSessions sessions, IEventStore store, CancellationToken ct) =>
        {
            var (calibrations, _) = await StoredEventHistory.ReadAsync(store, CalibrationTypes, 20, ct);
            return Results.Content(DevicesPage.Render(sessions.Find(http, touch: true), sessions.SignOutAfter, calibrations), "text/html; charset=utf-8");
        });

        // The gateway's own memory, for the soak check of the live view (read-only, no secrets).
        group.MapGet("/ui/diagnostics", (LaneStreamClients clients) => Results.Json(PanelDiagnostics.Read(clients)));

        group.MapGet("/ui/sign-in", (UiUserDirectory users, SimulatorPanelUsers demo) =>
            Results.Content(SignInPage.Render(users.Names, demo.Added ? SimulatorPanelUsers.Demo : null), "text/html; charset=utf-8"));

        group.MapPost("/ui/sign-in", async (HttpContext http, UiUserDirectory users, UiSessions sessions, PanelAudit audit, ILogger<UiSessions> logger, CancellationToken ct) =>
        {
            SignInForm? form;
            RequestLimits.CapBody(http);
            try
            {
                form = await JsonSerializer.DeserializeAsync<SignInForm>(http.Request.Body, JsonSerializerOptions.Web, ct);
            }
            catch (Exception ex) when (ex is JsonException or BadHttpRequestException)
            {
                form = null;
            }

            var result = users.SignIn(form?.Name, form?.Pin);
            if (result.User is null)
            {
                LogSignInRefused(logger, form?.Name ?? "(none)");
                await audit.SignInRefusedAsync(form?.Name ?? "(none)", result.Error ?? "refused");
                return Results.Json(new { ok = false, error = result.Error }, statusCode: StatusCodes.Status401Unauthorized);
            }

            sessions.Start(result.User, http.Response);
            LogSignedIn(logger, result.User.Name, result.User.Role);
            await audit.SignedInAsync(result.User.Name, result.User.Role);
            return Results.Json(new { ok = true, user = result.User.Name, role = UiPermissions.Name(result.User.Role) });
        });

        group.MapPost("/ui/sign-out", async (HttpContext http, UiSessions sessions, PanelAudit audit, ILogger<UiSessions> logger) =>
        {
            if (sessions.Find(http, touch: false) is { } session)
            {
                LogSignedOut(logger, session.User);
                await audit.SignedOutAsync(session.User);
            }

            sessions.End(http);
            return Results.Json(new { ok = true });
        });

        // GET looks without counting as activity; POST is a touch on the screen.
        group.MapGet("/ui/session", (HttpContext http, UiSessions sessions) => Session(sessions, sessions.Find(http, touch: false)));
        group.MapPost("/ui/session", (HttpContext http, UiSessions sessions) => Session(sessions, sessions.Find(http, touch: true)));

        group.MapGet("/ui/stream", async (HttpContext http, LaneCore core, IEventStore store, BrokerStatus broker, InstrumentsView instruments,
            LaneStreamClients clients, IHostApplicationLifetime lifetime, TimeProvider time) =>
        {
            using var counted = clients.Enter();
            await LaneStreamEndpoint.RunAsync(http, core, store, broker, instruments, lifetime, time);
        });

        group.MapPost("/ui/commands/{name}", UiCommandEndpoint.HandleAsync);

        group.MapGet("/lots/{lotId}/report", async (string lotId, LaneCore core, IEventStore store, TimeProvider time, CancellationToken ct) =>
        {
            var lot = core.FindLot(lotId) ?? await StoredLots.FindAsync(store, lotId, ct);
            if (lot is null)
            {
                return Results.Content(Html.Page("Lot not found", "page-report",
                    $"<main class=\"report\"><h1>Lot {Html.E(lotId)} not found</h1><p>Neither the lane nor the recent stored events know this lot. <a class=\"btn\" href=\"/\">Back to lane view</a></p></main>"),
                    "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            var (increments, complete) = await LotIncrementReader.ReadAsync(store, lotId, ct);
            return Results.Content(LotReportPage.Render(lot, increments, complete, time.GetUtcNow()), "text/html; charset=utf-8");
        });

        group.MapGet("/ui/assets/{file}", (string file) => UiAssets.Serve(file));
        return endpoints;
    }

    private const int HistoryRows = 100;
    private static readonly HashSet<string> AlarmTypes = ["alarm"];
    private static readonly HashSet<string> LotTypes = ["lot"];
    private static readonly HashSet<string> CalibrationTypes = ["calibration"];

    private static IResult Session(UiSessions sessions, UiSession? session) => session is null
        ? Results.Json(new { signedIn = false })
        : Results.Json(new
        {
            signedIn = true,
            user = session.User,
            role = UiPermissions.Name(session.Role),
            allowed = UiPermissions.For(session.Role),
            secondsLeft = (int)sessions.Remaining(session).TotalSeconds,
        });

    private sealed record SignInForm(string? Name, string? Pin);

    [LoggerMessage(EventId = 2610, Level = LogLevel.Information, Message = "Panel sign-in: {User} ({Role})")]
    private static partial void LogSignedIn(ILogger logger, string user, UiRole role);

    [LoggerMessage(EventId = 2611, Level = LogLevel.Warning, Message = "Panel sign-in refused for {User}")]
    private static partial void LogSignInRefused(ILogger logger, string user);

    [LoggerMessage(EventId = 2612, Level = LogLevel.Information, Message = "Panel sign-out: {User}")]
    private static partial void LogSignedOut(ILogger logger, string user);
}
