using System.Globalization;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Edge.Camera;
using SmartCustoms.Models;

namespace SmartCustoms.Edge.Api;

/// <summary>The camera's status, latest frame and visual detector counters over HTTP (lane view, remote officers, benchmark).</summary>
internal static class CameraEndpoints
{
    public static void MapCameraEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The camera's health, frame rate as the gateway consumes it, latest frame and the driver's counters.
        endpoints.MapGet("/api/camera/{name}", (string name, IFrameSource camera, LatestFrameView view, LatestDetectionsView detections, IOptions<ModelOptions> models) =>
        {
            if (!string.Equals(camera.DeviceName, name, StringComparison.Ordinal))
            {
                return Results.Json(new { error = $"no camera named '{name}' (this lane has '{camera.DeviceName}')" }, statusCode: StatusCodes.Status404NotFound);
            }

            var health = camera.Health;
            var latest = view.Latest;
            return Results.Json(new
            {
                camera = camera.DeviceName,
                state = health.State.ToString().ToLowerInvariant(),
                reason = health.Reason,
                framesPerSecond = Math.Round(view.FramesPerSecond, 2),
                framesSeen = view.FramesSeen,
                latest = latest is null ? null : new { sequence = latest.Sequence, hostTime = latest.HostTime, width = latest.Width, height = latest.Height, jpegBytes = latest.Jpeg.Length },
                counters = camera.Counters,
                // The visual detector: frames run (at most maxFramesPerSecond of those seen), skipped, refused.
                visual = new
                {
                    enabled = detections.Enabled,
                    maxFramesPerSecond = models.Value.VisualMaxFramesPerSecond,
                    framesDetected = detections.FramesDetected,
                    framesSkipped = detections.FramesSkipped,
                    framesRefused = detections.FramesRefused,
                    itemsReported = detections.ItemsReported,
                },
            });
        });

        // 200 image/jpeg with the frame's sequence and receive time in headers; 404 for another camera name or
        // before the first frame.
        endpoints.MapGet("/api/camera/{name}/snapshot.jpg", (string name, HttpContext http, LatestFrameView view) =>
        {
            var frame = view.Latest;
            if (frame is null || !string.Equals(frame.Camera, name, StringComparison.Ordinal))
            {
                return Results.Json(
                    new { error = frame is null ? $"camera '{name}' has not delivered a frame yet" : $"no camera named '{name}' (this lane has '{frame.Camera}')" },
                    statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Frame-Sequence"] = frame.Sequence.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Frame-Timestamp"] = frame.HostTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            return Results.Bytes(frame.Jpeg, "image/jpeg");
        });
    }
}
