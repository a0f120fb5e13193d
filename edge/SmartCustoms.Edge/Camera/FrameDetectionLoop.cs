using System.Globalization;
using System.Threading.Channels;
using SmartCustoms.Edge.Core;
using SmartCustoms.Models.Visual;
using CoreVisualDetection = SmartCustoms.Edge.Core.Observations.VisualDetection;

namespace SmartCustoms.Edge.Camera;

/// <summary>
/// Runs the visual detector on the camera's frames without ever holding up frame reading: the reader offers
/// each frame into a one-place slot (a newer frame replaces one not yet taken), and this loop takes the
/// latest, at most <c>Models:VisualMaxFramesPerSecond</c> times a second. Results go to
/// <see cref="LatestDetectionsView"/>, and each item - once, however many frames show it - to the lane core
/// as a <see cref="CoreVisualDetection"/>. Offer is thread-safe; RunAsync has one caller.
/// </summary>
internal sealed partial class FrameDetectionLoop(
    VisualDetector detector,
    LatestDetectionsView view,
    LaneCore core,
    TimeProvider time,
    double maxFramesPerSecond,
    double fieldOfViewAcrossM,
    ILogger logger)
{
    private readonly Channel<CameraSnapshot> _slot = Channel.CreateBounded<CameraSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
        _ => view.CountSkipped());

    private readonly BeltItemMemory _memory = new();

    /// <summary>Hands a frame to the loop; never blocks (an untaken older frame is dropped and counted as skipped).</summary>
    public void Offer(CameraSnapshot frame) => _slot.Writer.TryWrite(frame);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(1 / maxFramesPerSecond);
        var reader = _slot.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var started = time.GetTimestamp();
            if (!reader.TryRead(out var frame))
            {
                continue;
            }

            Detect(frame);

            // The rate limit: frames arriving meanwhile replace each other in the slot; the newest is taken next.
            var rest = interval - time.GetElapsedTime(started);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, time, stoppingToken);
            }
        }
    }

    private void Detect(CameraSnapshot frame)
    {
        FrameDetections result;
        try
        {
            result = detector.DetectJpeg(frame.Jpeg, frame.Width, frame.Height);
        }
        catch (FrameDecodeException ex)
        {
            view.CountRefused();
            var refused = view.FramesRefused;
            if (refused == 1 || refused % 100 == 0)
            {
                LogRefused(logger, frame.Camera, frame.Sequence, refused, ex.Message);
            }

            return;
        }

        var mPerPx = fieldOfViewAcrossM / result.FrameWidth;
        // Placed by when the image was taken: a frame can arrive a second late when the gateway falls behind, and
        // at 5 m/s a second is 5 m of belt.
        var takenAt = frame.TakenAt;
        var seconds = takenAt / (double)time.TimestampFrequency;
        var items = new List<DetectedItem>(result.Detections.Count);
        var reported = 0;
        for (var k = 0; k < result.Detections.Count; k++)
        {
            var d = result.Detections[k];
            var box = d.Box;

            // Belt moves down the image: below the centre row is downstream of the camera's reference line.
            var offsetAlong = (((box.Y0 + box.Y1) / 2) - (result.FrameHeight / 2.0)) * mPerPx;
            var across = (((box.X0 + box.X1) / 2) - (result.FrameWidth / 2.0)) * mPerPx;
            var isNew = _memory.IsNew(offsetAlong, across, d.SizeCm / 100, seconds);
            if (isNew)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"vis-{frame.Camera}-{frame.Sequence}-{k}");
                core.Observe(new CoreVisualDetection(id, takenAt, d.ClassName, d.Score, d.WidthCm, d.LengthCm, offsetAlong));
                reported++;
                LogDetection(logger, d.ClassName, d.Score, d.SizeCm, frame.Camera, frame.Sequence);
            }

            items.Add(new DetectedItem(d.ClassName, d.Score, box.X0, box.Y0, box.X1, box.Y1, d.WidthCm, d.LengthCm, offsetAlong, isNew));
        }

        view.Publish(
            new CameraDetections(frame.Camera, frame.Sequence, frame.HostTime, result.FrameWidth, result.FrameHeight, items, result.InferenceMs,
                result.Model.Id, result.Model.Version, result.Model.Sha256),
            reported);
    }

    [LoggerMessage(EventId = 1652, Level = LogLevel.Warning, Message = "Camera {Camera} frame {Sequence} refused by the visual detector ({Refused} so far): {Problem}")]
    private static partial void LogRefused(ILogger logger, string camera, ulong sequence, long refused, string problem);

    [LoggerMessage(EventId = 1653, Level = LogLevel.Information, Message = "Visual detection: {Material} score {Score:F2}, {SizeCm:F0} cm, camera {Camera} frame {Sequence}")]
    private static partial void LogDetection(ILogger logger, string material, double score, double sizeCm, string camera, ulong sequence);
}
