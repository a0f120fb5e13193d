using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Edge.Core;
using SmartCustoms.Models;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Edge.Camera;

/// <summary>
/// Reads the lane camera for the gateway's lifetime: keeps the latest frame for the view and the API, counts
/// the frame rate, and - when a visual model is configured (<c>Models:VisualModelPath</c>) - hands each frame
/// to the <see cref="FrameDetectionLoop"/>, which runs the detector on the latest frame at its own pace on
/// another task (reading never waits for the model). Reading continuously also keeps the driver's health
/// honest: a stalled or dropped camera is only noticed while someone reads it. Reconnects and failures are
/// the driver's business (it reports them as health).
/// </summary>
internal sealed partial class CameraWorker(
    IFrameSource camera,
    LatestFrameView view,
    LatestDetectionsView detections,
    VisualDetectorAccessor visualModel,
    IOptions<ModelOptions> modelOptions,
    IOptions<SmartCustoms.Edge.Core.Options.VerdictOptions> verdictOptions,
    LaneCore core,
    TimeProvider time,
    ILogger<CameraWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting the other services before the first connect.
        await Task.Yield();
        var loop = CreateDetectionLoop();
        var detecting = loop is null ? Task.CompletedTask : Task.Run(() => loop.RunAsync(stoppingToken), stoppingToken);
        try
        {
            await foreach (var frame in camera.ReadFramesAsync(stoppingToken))
            {
                // The frame owns pooled buffers: they go back as soon as the view has its copy.
                using (frame)
                {
                    view.Update(frame);
                }

                if (loop is not null && view.Latest is { } latest)
                {
                    loop.Offer(latest);
                }
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                LogEnded(logger, camera.DeviceName);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The source was disposed while the host was stopping.
        }

        try
        {
            await detecting;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private FrameDetectionLoop? CreateDetectionLoop()
    {
        var detector = visualModel.Detector;
        if (detector is null)
        {
            LogVisualOff(logger, camera.DeviceName);
            return null;
        }

        var options = modelOptions.Value;
        detections.Enabled = true;
        LogVisualOn(logger, camera.DeviceName, detector.Model.Id, detector.Model.Version, options.VisualMaxFramesPerSecond);
        return new FrameDetectionLoop(detector, detections, core, time, options.VisualMaxFramesPerSecond, options.CameraFieldOfViewAcrossM,
            verdictOptions.Value.VisualSuspectMinSightings, logger);
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Warning, Message = "Camera {Camera} stopped delivering frames (finite source ended); the live view keeps its last frame")]
    private static partial void LogEnded(ILogger logger, string camera);

    [LoggerMessage(EventId = 1650, Level = LogLevel.Information, Message = "Camera {Camera}: visual detection with {ModelId} {Version}, at most {MaxFps} frames/s")]
    private static partial void LogVisualOn(ILogger logger, string camera, string modelId, string version, double maxFps);

    [LoggerMessage(EventId = 1651, Level = LogLevel.Warning, Message = "Camera {Camera}: visual detection is off (Models:VisualModelPath is empty); frames are shown, not inspected")]
    private static partial void LogVisualOff(ILogger logger, string camera);
}
