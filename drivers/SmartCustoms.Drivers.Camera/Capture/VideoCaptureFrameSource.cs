using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Capture;

/// <summary>
/// Frames from OpenCV's <see cref="VideoCapture"/>: a V4L2 device (USB/UVC, CSI) or a video file replayed as
/// a camera (at its own frame rate or as fast as it decodes, optionally looping).
/// Representation: the captured BGR image is copied into the frame's pixels and also encoded to JPEG
/// (quality <see cref="CameraOptions.JpegQuality"/>), so every source delivers the same frame type and
/// evidence/live view need no second encode; the encode costs a few ms per 720p frame.
/// A read that does not return within <see cref="CameraOptions.StallTimeout"/> marks the camera down; the
/// capture is reopened with backoff. Thread-safety as <see cref="IFrameSource"/>.
/// </summary>
public sealed class VideoCaptureFrameSource : FrameSourceBase
{
    private readonly string _description;

    public VideoCaptureFrameSource(CameraOptions options, TimeProvider time, ILogger<VideoCaptureFrameSource> logger, IMeterFactory? meterFactory = null)
        : base(options, time, logger, meterFactory)
    {
        if (options.Source is not (CameraSourceKind.File or CameraSourceKind.V4l2))
        {
            throw new ArgumentException($"{nameof(VideoCaptureFrameSource)} reads file or v4l2 sources, not {options.Source}", nameof(options));
        }

        _description = options.Source == CameraSourceKind.File ? $"file {options.FilePath}"
            : string.IsNullOrWhiteSpace(options.DevicePath) ? $"V4L2 device {options.DeviceIndex}"
            : $"V4L2 device {options.DevicePath}";
    }

    protected override string SourceDescription => _description;

    private bool IsFile => Options.Source == CameraSourceKind.File;

    protected override async IAsyncEnumerable<CameraFrame> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoCapture? capture;
            try
            {
                capture = await Task.Run(Open, cancellationToken);
            }
            catch (Exception ex) when (ex is OpenCVException or InvalidOperationException)
            {
                await WaitBeforeRetryAsync(ReportFailure(ex.Message, downNow: false), cancellationToken);
                continue;
            }

            using (capture)
            using (var image = new Mat())
            {
                var period = FramePeriod(capture);
                var started = Time.GetTimestamp();
                long index = 0;
                string? failure = null;
                var stalled = false;
                while (failure is null)
                {
                    var read = Task.Run(() => capture.Read(image) && !image.Empty(), CancellationToken.None);
                    bool ok;
                    try
                    {
                        ok = await read.WaitAsync(Options.StallTimeout, Time, cancellationToken);
                    }
                    catch (TimeoutException)
                    {
                        stalled = true;
                        failure = $"no frame for {Options.StallTimeout.TotalSeconds:0.0#} s from {_description}";
                        LogStall();
                        ReportDown(failure);
                        // The native read cannot be interrupted; the capture is released only after it returns.
                        await ((Task)read).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        break;
                    }
                    catch (OperationCanceledException)
                    {
                        await ((Task)read).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        throw;
                    }

                    if (!ok)
                    {
                        if (IsFile && index > 0)
                        {
                            CameraLog.FileEnded(Logger, DeviceName, Options.FilePath);
                            if (!Options.Loop)
                            {
                                ReportDown($"video file {Options.FilePath} ended");
                                yield break;
                            }

                            capture.PosFrames = 0;
                            started = Time.GetTimestamp();
                            index = 0;
                            continue;
                        }

                        failure = IsFile ? $"video file {Options.FilePath} has no readable frames" : $"{_description} delivered no frame";
                        break;
                    }

                    index++;
                    yield return ToFrame(image);

                    if (period > TimeSpan.Zero)
                    {
                        // Pace on the monotonic clock from the start, so per-frame jitter does not add up.
                        var due = period * index - Time.GetElapsedTime(started);
                        if (due > TimeSpan.Zero)
                        {
                            await Task.Delay(due, Time, cancellationToken);
                        }
                    }
                }

                if (failure is not null)
                {
                    var delay = ReportFailure(failure, downNow: stalled);
                    await WaitBeforeRetryAsync(delay, cancellationToken);
                }
            }
        }
    }

    private VideoCapture Open()
    {
        VideoCapture capture;
        if (IsFile)
        {
            if (!File.Exists(Options.FilePath))
            {
                throw new InvalidOperationException($"video file {Options.FilePath} does not exist");
            }

            capture = new VideoCapture(Options.FilePath, VideoCaptureAPIs.ANY);
        }
        else
        {
            capture = string.IsNullOrWhiteSpace(Options.DevicePath)
                ? new VideoCapture(Options.DeviceIndex, VideoCaptureAPIs.V4L2)
                : new VideoCapture(Options.DevicePath, VideoCaptureAPIs.V4L2);
        }

        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new InvalidOperationException($"cannot open {_description}");
        }

        if (!IsFile)
        {
            // Ask the device for MJPG: at 720p and above, USB 2 bandwidth only allows YUYV at a few fps.
            capture.Set(VideoCaptureProperties.FourCC, FourCC.FromFourChars('M', 'J', 'P', 'G'));
            if (Options.Width > 0 && Options.Height > 0)
            {
                capture.Set(VideoCaptureProperties.FrameWidth, Options.Width);
                capture.Set(VideoCaptureProperties.FrameHeight, Options.Height);
            }

            if (Options.Fps > 0)
            {
                capture.Set(VideoCaptureProperties.Fps, Options.Fps);
            }
        }

        CameraLog.Connected(Logger, DeviceName, _description);
        return capture;
    }

    private TimeSpan FramePeriod(VideoCapture capture)
    {
        if (!IsFile || !Options.RealTime)
        {
            return TimeSpan.Zero; // a device paces itself
        }

        var fps = capture.Fps;
        if (!double.IsFinite(fps) || fps <= 0 || fps > 1000)
        {
            fps = Options.Fps > 0 ? Options.Fps : 25;
        }

        return TimeSpan.FromSeconds(1 / fps);
    }

    private CameraFrame ToFrame(Mat image)
    {
        using var bgr = image.Type() == MatType.CV_8UC3 ? null : ToBgr(image);
        var source = bgr ?? image;
        var pixels = JpegCodec.CopyPixels(source, out var pixelBuffer);
        PooledBuffer jpeg;
        try
        {
            jpeg = JpegCodec.Encode(source, Options.JpegQuality);
        }
        catch
        {
            pixelBuffer.Dispose();
            throw;
        }

        return CreateFrame(jpeg, source.Cols, source.Rows, pixels, pixelBuffer, deviceSequence: null, deviceTime: null);
    }

    private static Mat ToBgr(Mat image)
    {
        var bgr = new Mat();
        var code = image.Channels() switch
        {
            1 => ColorConversionCodes.GRAY2BGR,
            4 => ColorConversionCodes.BGRA2BGR,
            _ => throw new InvalidOperationException($"unsupported capture format {image.Type()}"),
        };
        Cv2.CvtColor(image, bgr, code);
        return bgr;
    }
}
