namespace SmartCustoms.Edge.Health;

/// <summary><c>/healthz</c> says the process is alive; <c>/readyz</c> says whether devices and broker are usable.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new { status = "alive" }));
        endpoints.MapGet("/readyz", (ReadinessReport report) =>
        {
            var snapshot = report.Take();
            return Results.Json(snapshot, statusCode: snapshot.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
