using System.Globalization;
using System.Threading.Channels;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Models.Visual;
using CoreVisualDetection = SmartCustoms.Edge.Core.Observations.VisualDetection;

namespace SmartCustoms.Edge.Camera;

/// <summary>
/// Runs the visual detector on the camera's frames without ever holding up frame reading: the reader offers
/// each frame into a one-place slot (a newer frame replaces one not yet taken), and this loop takes the
/// latest, at most <c>Models:VisualMaxFramesPerSecond</c> times a second. Results go to
/// <see cref="LatestDetectionsView"/>, and each item to the lane core as a <see cref="CoreVisualDetection"/> - once,
/// and again (same id) only when a later frame shows it better (<see cref="VisualItemTracker"/>). Offer is thread-safe; RunAsync has one caller.
/// </summary>
internal sealed partial class FrameDetectionLoop(
    VisualDetector detector,
    LatestDetectionsView view,
    LaneCore core,
    TimeProvider time,
    double maxFramesPerSecond,
    double fieldOfViewAcrossM,
    int reportAtSightings,
    ILogger logger)
{
    private readonly Channel<CameraSnapshot> _slot = Channel.CreateBounded<CameraSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
        _ => view.CountSkipped());

    private readonly VisualItemTracker _tracker = new(reportAtSightings);

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
        var ageMs = time.GetElapsedTime(frame.TakenAt).TotalMilliseconds;
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
        // The belt's current speed tells the tracker where a remembered item must be now (null while unknown).
        var belt = core.Belt.GetState();
        double? beltSpeed = belt.SpeedKnown ? belt.SpeedMetresPerSecond : null;
        var items = new List<DetectedItem>(result.Detections.Count);
        var sightings = logger.IsEnabled(LogLevel.Debug) ? new List<VisualSighting>(result.Detections.Count) : null;
        var reported = 0;
        for (var k = 0; k < result.Detections.Count; k++)
        {
            var d = result.Detections[k];
            var box = d.Box;

            // Belt moves down the image: below the centre row is downstream of the camera's reference line.
            var offsetAlong = (((box.Y0 + box.Y1) / 2) - (result.FrameHeight / 2.0)) * mPerPx;
            var across = (((box.X0 + box.X1) / 2) - (result.FrameWidth / 2.0)) * mPerPx;
            var sighting = _tracker.See(offsetAlong, across, d.WidthCm / 100, d.LengthCm / 100, d.Score, seconds,
                string.Create(CultureInfo.InvariantCulture, $"vis-{frame.Camera}-{frame.Sequence}-{k}"), beltSpeed);
            if (sighting.Report)
            {
                // A new item, or a known one seen better than reported (same id: the segment keeps the best report).
                core.Observe(new CoreVisualDetection(sighting.Id, takenAt, d.ClassName, sighting.Score, sighting.WidthM * 100, sighting.LengthM * 100, offsetAlong, sighting.Sightings));
                reported++;
                var sizeCm = Math.Max(sighting.WidthM, sighting.LengthM) * 100;
                LogDetection(logger, d.ClassName, sighting.Score, sizeCm, frame.Camera, frame.Sequence);
            }

            items.Add(new DetectedItem(d.ClassName, d.Score, box.X0, box.Y0, box.X1, box.Y1, d.WidthCm, d.LengthCm, offsetAlong, sighting.Report));
            sightings?.Add(sighting);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            // Guarded by IsEnabled just above (the analyzer does not see through the guard).
#pragma warning disable CA1873
            LogFrame(logger, FrameDiagnostics(frame, seconds, ageMs, result, items, sightings!));
#pragma warning restore CA1873
        }

        view.Publish(
            new CameraDetections(frame.Camera, frame.Sequence, frame.HostTime, result.FrameWidth, result.FrameHeight, items, result.InferenceMs,
                result.Model.Id, result.Model.Version, result.Model.Sha256),
            reported);
    }

    /// <summary>
    /// One line per detected frame (Debug): where the camera's reference line was on the belt when it was taken and
    /// every detection in it, reported or not - what the scenario suite reads to tell a missed item the detector never
    /// saw from one it saw but the lane did not flag.
    /// </summary>
    private string FrameDiagnostics(CameraSnapshot frame, double seconds, double ageMs, FrameDetections result, List<DetectedItem> items, List<VisualSighting> sightings)
    {
        var reference = core.Belt.TryGetCoordinateUnder(LaneDevice.Camera, frame.TakenAt, out var c) ? c : double.NaN;
        var mPerPx = fieldOfViewAcrossM / result.FrameWidth;
        var list = string.Join(';', items.Select((i, k) => string.Create(CultureInfo.InvariantCulture,
            $"{i.ClassName}:{i.Score:0.000}:{Math.Max(i.WidthCm, i.LengthCm):0.0}:{i.OffsetAlongBeltM:0.000}:{((((i.X0 + i.X1) / 2) - (result.FrameWidth / 2.0)) * mPerPx):0.000}:{(i.ReportedToLane ? 1 : 0)}:{sightings[k].Kind}:{sightings[k].Id}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"visual-frame seq={frame.Sequence} t={seconds:0.000} ref={reference:0.000} age={ageMs:0.0} infer={result.InferenceMs:0.0} items={list}");
    }

    [LoggerMessage(EventId = 1654, Level = LogLevel.Debug, Message = "{Line}")]
    private static partial void LogFrame(ILogger logger, string line);

    [LoggerMessage(EventId = 1652, Level = LogLevel.Warning, Message = "Camera {Camera} frame {Sequence} refused by the visual detector ({Refused} so far): {Problem}")]
    private static partial void LogRefused(ILogger logger, string camera, ulong sequence, long refused, string problem);

    [LoggerMessage(EventId = 1653, Level = LogLevel.Information, Message = "Visual detection: {Material} score {Score:F2}, {SizeCm:F0} cm, camera {Camera} frame {Sequence}")]
    private static partial void LogDetection(ILogger logger, string material, double score, double sizeCm, string camera, ulong sequence);
}
