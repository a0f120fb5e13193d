using System.Text.Json.Nodes;
using SmartCustoms.Edge.Storage.Evidence;

namespace SmartCustoms.Edge.Api;

/// <summary>
/// <c>GET /api/evidence/{id}</c>: the record's metadata with each file's SHA-256 and link;
/// <c>GET /api/evidence/{id}/{file}</c>: the file itself, checked against its SHA-256 before it is served
/// (a changed or damaged file is refused with 500 and says so, never served as evidence).
/// </summary>
internal static class EvidenceEndpoints
{
    public static void MapEvidenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/evidence/{id}", async (string id, IEvidenceStore store, CancellationToken ct) =>
        {
            var record = await store.FindAsync(id, ct);
            if (record is null)
            {
                return NotFound($"no evidence '{id}' (unknown, pruned, or not an evidence id like ev-0193…)");
            }

            var body = (JsonObject)record.Metadata.DeepClone();
            body["alarmAcknowledged"] = record.AlarmId is null ? null : record.AlarmAcknowledged;
            body["files"] = new JsonArray([.. record.Files.Select(f => (JsonNode?)new JsonObject
            {
                ["name"] = f.Name,
                ["contentType"] = f.ContentType,
                ["bytes"] = f.Bytes,
                ["sha256"] = f.Sha256,
                ["href"] = $"/api/evidence/{record.Id}/{f.Name}",
            })]);
            return Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8);
        });

        endpoints.MapGet("/api/evidence/{id}/{file}", async (string id, string file, HttpContext http, IEvidenceStore store, CancellationToken ct) =>
        {
            var content = await store.ReadFileAsync(id, file, ct);
            if (content is null)
            {
                return NotFound($"no file '{file}' in evidence '{id}'");
            }

            if (!content.Intact)
            {
                return Results.Json(
                    new { error = $"evidence file '{file}' of '{id}' no longer matches its SHA-256 {content.File.Sha256}: it was changed or damaged on disk" },
                    statusCode: StatusCodes.Status500InternalServerError);
            }

            http.Response.Headers["X-Content-SHA256"] = content.File.Sha256;
            http.Response.Headers.ETag = "\"" + content.File.Sha256 + "\"";
            return Results.Bytes(content.Content, content.File.ContentType);
        });
    }

    private static IResult NotFound(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status404NotFound);
}
