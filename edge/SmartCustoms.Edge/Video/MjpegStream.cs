using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using SmartCustoms.Edge.Camera;

namespace SmartCustoms.Edge.Video;

/// <summary>
/// <c>GET /video/{camera}.mjpg</c>: the camera's latest frames as <c>multipart/x-mixed-replace</c> (MJPEG, what
/// browsers show in an <c>img</c> and VLC/ffmpeg read), with the visual model's boxes drawn on when there are
/// any (on the frame they were found on: see <see cref="Pick"/>). At most <see cref="MaxFramesPerSecond"/> frames per second per viewer; a frame is sent only when it is
/// new, so a stalled camera sends nothing (the page's health banner says why). Each viewer holds only the
/// frame being written: a slow viewer slows its own stream and never grows the gateway's memory.
/// </summary>
internal static partial class MjpegStream
{
    public const int MaxFramesPerSecond = 10;
    public const string Boundary = "scframe";

    /// <summary>A frame older than this behind the newest is not shown just because it has boxes: the video would lag.</summary>
    public const int MaxLagFrames = 12;

    public static async Task RunAsync(HttpContext http, string camera, LatestFrameView frames, RecentFrames recent, IFrameDetections? detections,
        IHostApplicationLifetime lifetime, TimeProvider time, ILogger logger)
    {
        if (frames.Latest is { } first && !string.Equals(first.Camera, camera, StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsJsonAsync(new { error = $"no camera named '{camera}' (this lane has '{first.Camera}')" });
            return;
        }

        http.Response.ContentType = "multipart/x-mixed-replace; boundary=" + Boundary;
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / MaxFramesPerSecond), time);
        ulong? sent = null;
        var badFrames = 0;
        try
        {
            // Headers go out at once, so a viewer sees the stream open even before the first frame.
            await http.Response.Body.FlushAsync(ct);
            do
            {
                var (frame, boxes) = Pick(camera, frames, recent, detections, sent);
                if (frame is null)
                {
                    continue;
                }

                byte[] jpeg;
                try
                {
                    jpeg = DetectionOverlay.Draw(frame.Jpeg, boxes);
                }
                catch (ArgumentException ex)
                {
                    // A frame that does not decode is skipped (counted, logged once per stream) rather than ending it.
                    if (badFrames++ == 0)
                    {
                        LogBadFrame(logger, camera, frame.Sequence, ex.Message);
                    }

                    sent = frame.Sequence;
                    continue;
                }

                var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\nX-Frame-Sequence: {frame.Sequence}\r\n\r\n"));
                await http.Response.Body.WriteAsync(head, ct);
                await http.Response.Body.WriteAsync(jpeg, ct);
                await http.Response.Body.WriteAsync("\r\n"u8.ToArray(), ct);
                await http.Response.Body.FlushAsync(ct);
                sent = frame.Sequence;
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The viewer went away or the gateway is stopping.
        }
        catch (IOException)
        {
            // The connection broke mid-frame.
        }
    }

    /// <summary>
    /// The newest frame the detector has answered for (with its boxes), when it is at most <see cref="MaxLagFrames"/>
    /// behind the newest frame; else the newest frame without boxes (no detector, or it fell behind). Only frames
    /// after <paramref name="sent"/> are picked, so the video never steps back (a frame answered late is not shown
    /// after a newer one went out without boxes) and never repeats; null when there is nothing new. A newest frame
    /// far below <paramref name="sent"/> means the camera restarted its numbering, and the video follows it.
    /// </summary>
    internal static (CameraSnapshot? Frame, IReadOnlyList<OverlayBox>? Boxes) Pick(string camera, LatestFrameView frames, RecentFrames recent,
        IFrameDetections? detections, ulong? sent = null)
    {
        recent.Sample();
        var newest = frames.Latest;
        if (newest is null || !string.Equals(newest.Camera, camera, StringComparison.Ordinal))
        {
            return (null, null);
        }

        if (sent is { } last && newest.Sequence + MaxLagFrames < last)
        {
            sent = null;
        }

        if (sent is { } already && newest.Sequence <= already)
        {
            return (null, null);
        }

        if (detections is not null)
        {
            foreach (var frame in recent.NewestFirst())
            {
                if (frame.Sequence > newest.Sequence)
                {
                    continue;
                }

                if (newest.Sequence - frame.Sequence > MaxLagFrames || frame.Sequence <= sent)
                {
                    break;
                }

                if (detections.For(camera, frame.Sequence) is { } boxes)
                {
                    return (frame, boxes);
                }
            }
        }

        return (newest, null);
    }

    [LoggerMessage(EventId = 2700, Level = LogLevel.Warning, Message = "Video {Camera}: frame {Sequence} skipped: {Problem}")]
    private static partial void LogBadFrame(ILogger logger, string camera, ulong sequence, string problem);
}
