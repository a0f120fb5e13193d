using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCustoms.Edge.Commands;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Api;

/// <summary>The machine-facing HTTP API: lane state, stored events for consumers that missed messages, commands.</summary>
internal static class ApiEndpoints
{
    /// <summary>Largest page of <c>/api/events</c>.</summary>
    public const int MaxEventsPerPage = 1000;

    /// <summary>Largest command body accepted.</summary>
    public const int MaxCommandBytes = 64 * 1024;

    public static void MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/lane", (LaneCore core) =>
            Results.Text(JsonSerializer.Serialize(core.GetSnapshot(), LaneEventJson.Options), "application/json", Encoding.UTF8));

        endpoints.MapCameraEndpoints();

        endpoints.MapGet("/api/events", async (HttpContext http, IEventStore store, CancellationToken ct) =>
        {
            if (!TryReadLong(http.Request.Query["afterSeq"], 0, out var afterSeq) || afterSeq < 0)
            {
                return Results.Json(new { error = "afterSeq must be a whole number ≥ 0" }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (!TryReadLong(http.Request.Query["limit"], 100, out var limit) || limit is < 1 or > MaxEventsPerPage)
            {
                return Results.Json(new { error = $"limit must be a whole number from 1 to {MaxEventsPerPage}" }, statusCode: StatusCodes.Status400BadRequest);
            }

            var events = await store.ReadAfterAsync(afterSeq, (int)limit, ct);
            // The stored envelopes are returned as they were published, byte for byte.
            var body = new StringBuilder("{\"lastSeq\":").Append(store.LastSeq.ToString(CultureInfo.InvariantCulture)).Append(",\"events\":[");
            for (var i = 0; i < events.Count; i++)
            {
                if (i > 0)
                {
                    body.Append(',');
                }

                body.Append(events[i].EnvelopeJson);
            }

            body.Append("]}");
            return Results.Text(body.ToString(), "application/json", Encoding.UTF8);
        });

        endpoints.MapPost("/api/commands/{name}", async (string name, HttpContext http, ICommandHandler handler, CommandTokens tokens, CancellationToken ct) =>
        {
            var token = BearerToken(http.Request.Headers.Authorization.ToString());
            if (!tokens.IsValid(token))
            {
                return Results.Json(new { ok = false, error = "not authorised: send 'Authorization: Bearer <token>' with a token from Commands:Tokens" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            if (http.Request.ContentLength is > MaxCommandBytes)
            {
                return Results.Json(new { ok = false, error = $"command body larger than {MaxCommandBytes} bytes" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            JsonElement payload;
            try
            {
                using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
                payload = document.RootElement.ValueKind == JsonValueKind.Undefined ? default : document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                return Results.Json(new { ok = false, error = "command body is not valid JSON: " + ex.Message }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (payload.ValueKind != JsonValueKind.Object)
            {
                return Results.Json(new { ok = false, error = "command body must be a JSON object" }, statusCode: StatusCodes.Status400BadRequest);
            }

            var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["token"] = token ?? string.Empty, ["via"] = "http" };
            var result = await handler.HandleAsync(new MqttCommand(name, payload, "http-api", properties), ct);
            return Results.Text(result.ToJson(), "application/json", Encoding.UTF8, result.Ok ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        });
    }

    private static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

    private static bool TryReadLong(Microsoft.Extensions.Primitives.StringValues values, long fallback, out long value)
    {
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            value = fallback;
            return true;
        }

        return long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
