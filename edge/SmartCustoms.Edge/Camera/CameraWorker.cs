using SmartCustoms.Drivers.Abstractions.Camera;

namespace SmartCustoms.Edge.Camera;

/// <summary>
/// Reads the lane camera for the gateway's lifetime: keeps the latest frame for the view and the API and
/// counts the frame rate. Frames are not classified yet (the visual model is separate work). Reading
/// continuously also keeps the driver's health honest: a stalled or dropped camera is only noticed while
/// someone reads it. Reconnects and failures are the driver's business (it reports them as health).
/// </summary>
internal sealed partial class CameraWorker(IFrameSource camera, LatestFrameView view, ILogger<CameraWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting the other services before the first connect.
        await Task.Yield();
        try
        {
            await foreach (var frame in camera.ReadFramesAsync(stoppingToken))
            {
                // The frame owns pooled buffers: they go back as soon as the view has its copy.
                using (frame)
                {
                    view.Update(frame);
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
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Warning, Message = "Camera {Camera} stopped delivering frames (finite source ended); the live view keeps its last frame")]
    private static partial void LogEnded(ILogger logger, string camera);
}
