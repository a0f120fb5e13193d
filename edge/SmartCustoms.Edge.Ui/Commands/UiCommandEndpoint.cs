using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Ui.Auth;
using SmartCustoms.Edge.Ui.Hosting;

namespace SmartCustoms.Edge.Ui.Commands;

/// <summary>
/// <c>POST /ui/commands/{name}</c> (JSON body): runs a panel action through the gateway's one
/// <see cref="ICommandHandler"/>, so validation and audit are the same as for MQTT and HTTP commands. The
/// signed-in user is the command's sender (and the <c>user</c> of <c>ack-alarm</c>); the role decides first.
/// </summary>
internal static partial class UiCommandEndpoint
{
    public static async Task<IResult> HandleAsync(string name, HttpContext http, UiSessions sessions, UiCommandToken token,
        PanelSupervisorKey supervisorKey, PanelAudit audit, ILogger<UiSessions> logger, CancellationToken ct)
    {
        var session = sessions.Find(http, touch: true);
        if (session is null)
        {
            return Results.Json(new { ok = false, error = "Sign in first: actions need a signed-in operator." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!UiPermissions.IsKnown(name))
        {
            return Results.Json(new { ok = false, error = $"The panel has no action '{name}'." }, statusCode: StatusCodes.Status404NotFound);
        }

        if (!UiPermissions.May(session.Role, name))
        {
            LogForbidden(logger, session.User, session.Role, name);
            await audit.ForbiddenAsync(session.User, session.Role, name);
            return Results.Json(new
            {
                ok = false,
                error = $"Not allowed: {session.User} is signed in as {UiPermissions.Name(session.Role)}; {name} needs {UiPermissions.RolesFor(name)}.",
            }, statusCode: StatusCodes.Status403Forbidden);
        }

        var modeRefusal = UiPermissions.RefusalInMode(session.Role, name, http.RequestServices.GetService<LaneCore>()?.Mode == LaneMode.Maintenance);
        if (modeRefusal is not null)
        {
            LogForbidden(logger, session.User, session.Role, name);
            await audit.ForbiddenAsync(session.User, session.Role, name, modeRefusal);
            return Results.Json(new { ok = false, error = $"Not allowed: {modeRefusal}." }, statusCode: StatusCodes.Status403Forbidden);
        }

        // A JSON body cannot be sent cross-site without a CORS preflight, which this gateway never grants;
        // together with the SameSite=Strict cookie that keeps other pages from acting for the operator.
        if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new { ok = false, error = "Send the action as application/json." }, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        RequestLimits.CapBody(http);
        if (http.Request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            return Results.Json(new { ok = false, error = "The action's data is too large." }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        Dictionary<string, JsonElement> fields;
        try
        {
            fields = await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(http.Request.Body, cancellationToken: ct) ?? [];
        }
        catch (BadHttpRequestException)
        {
            return Results.Json(new { ok = false, error = "The action's data is too large." }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException)
        {
            return Results.Json(new { ok = false, error = "The action's data is not a JSON object." }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (name is "ack-alarm" or "release-hold")
        {
            // Whoever is signed in acknowledges: the page cannot name someone else.
            fields["user"] = JsonSerializer.SerializeToElement(session.User);
        }

        var handler = http.RequestServices.GetService<ICommandHandler>();
        if (handler is null)
        {
            return Results.Json(new { ok = false, error = "Commands are not available on this gateway (no command handler)." }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["sender"] = session.User, ["source"] = "ui" };
        if (UiPermissions.Vouched.Contains(name))
        {
            // The role was checked above against the signed-in session: the panel vouches for it.
            properties["token"] = supervisorKey.Value;
        }
        else if (token.Value is { Length: > 0 } t)
        {
            properties["token"] = t;
        }

        var command = new MqttCommand(name, JsonSerializer.SerializeToElement(fields), session.User, properties);
        var result = await handler.HandleAsync(command, ct);
        LogAction(logger, session.User, session.Role, name, result.Ok, result.Error ?? string.Empty);
        return result.Ok
            ? Results.Json(new { ok = true })
            : Results.Json(new { ok = false, error = result.Error ?? "refused" }, statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Panel action {Command} refused for {User} ({Role}): role not allowed")]
    private static partial void LogForbidden(ILogger logger, string user, UiRole role, string command);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Information, Message = "Panel action {Command} by {User} ({Role}): ok={Ok} {Error}")]
    private static partial void LogAction(ILogger logger, string user, UiRole role, string command, bool ok, string error);
}
