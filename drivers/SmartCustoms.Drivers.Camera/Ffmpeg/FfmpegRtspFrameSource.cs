using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Ffmpeg;

/// <summary>
/// An RTSP camera (or any input ffmpeg reads, such as a file) through an <c>ffmpeg</c> child process that
/// writes raw BGR frames of the configured <see cref="CameraOptions.Width"/> × <see cref="CameraOptions.Height"/>
/// to its stdout. The process is restarted with backoff when it exits or stalls; its last stderr line goes
/// into the health reason. Frames carry the pixels and a JPEG encoded here. Needs ffmpeg installed
/// (<c>apt-get install ffmpeg</c>). Thread-safety as <see cref="IFrameSource"/>.
/// </summary>
public sealed class FfmpegRtspFrameSource : FrameSourceBase
{
    private readonly StderrTail _stderr = new();
    private readonly string _description;

    public FfmpegRtspFrameSource(CameraOptions options, TimeProvider time, ILogger<FfmpegRtspFrameSource> logger, IMeterFactory? meterFactory = null)
        : base(options, time, logger, meterFactory)
    {
        if (options.Width <= 0 || options.Height <= 0)
        {
            throw new ArgumentException("the ffmpeg source needs Width and Height", nameof(options));
        }

        _description = $"ffmpeg {RedactCredentials(options.Url)}";
    }

    protected override string SourceDescription => _description;

    protected override async IAsyncEnumerable<CameraFrame> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var frameBytes = checked(Options.Width * Options.Height * 3);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Process process;
            try
            {
                process = Start();
            }
            catch (Win32Exception ex)
            {
                var reason = $"cannot start '{Options.FfmpegPath}' ({ex.Message}): install ffmpeg (apt-get install ffmpeg) or set {CameraOptions.SectionName}:FfmpegPath";
                await WaitBeforeRetryAsync(ReportFailure(reason, downNow: false), cancellationToken);
                continue;
            }

            string? failure = null;
            var stalled = false;
            try
            {
                var stdout = process.StandardOutput.BaseStream;
                using var watchdog = new CancellationTokenSource(Timeout.InfiniteTimeSpan, Time);
                await using var registration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), watchdog);
                // Killing the process ends a blocked pipe read even where the pipe ignores cancellation.
                await using var killOnStall = watchdog.Token.Register(static p => TryKill((Process)p!), process);
                while (failure is null)
                {
                    watchdog.CancelAfter(Options.StallTimeout);
                    var buffer = new PooledBuffer(frameBytes);
                    var complete = false;
                    string? readError = null;
                    try
                    {
                        buffer.SetLength(frameBytes);
                        complete = await ReadExactlyAsync(stdout, buffer, watchdog.Token);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
                    {
                        readError = ex.Message;
                    }
                    finally
                    {
                        if (!complete)
                        {
                            buffer.Dispose();
                        }
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (watchdog.IsCancellationRequested)
                    {
                        stalled = true;
                        failure = string.Create(CultureInfo.InvariantCulture, $"no frame for {Options.StallTimeout.TotalSeconds:0.0#} s from {_description}");
                        LogStall();
                        break;
                    }

                    if (readError is not null)
                    {
                        failure = $"reading {_description} failed: {readError}";
                        break;
                    }

                    if (!complete)
                    {
                        failure = await ExitReasonAsync(process);
                        break;
                    }

                    // Disarm while the consumer holds the frame: a slow consumer is not a stalled camera.
                    watchdog.CancelAfter(Timeout.InfiniteTimeSpan);
                    yield return ToFrame(buffer);
                }
            }
            finally
            {
                Stop(process);
            }

            var delay = ReportFailure(failure, downNow: stalled);
            await WaitBeforeRetryAsync(delay, cancellationToken);
        }
    }

    private Process Start()
    {
        var info = new ProcessStartInfo(Options.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in FfmpegArguments.For(Options))
        {
            info.ArgumentList.Add(argument);
        }

        _stderr.Clear();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _stderr.Add(line);
                CameraLog.FfmpegOutput(Logger, DeviceName, line);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        CameraLog.Connected(Logger, DeviceName, _description);
        return process;
    }

    /// <returns>False when the stream ended before the frame was complete.</returns>
    private static async Task<bool> ReadExactlyAsync(Stream stream, PooledBuffer buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.WritableFrom(filled), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return true;
    }

    private async Task<string> ExitReasonAsync(Process process)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2), Time);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return $"{_description} closed its output";
        }

        var last = _stderr.Last();
        return string.Create(CultureInfo.InvariantCulture,
            $"{_description} exited with code {process.ExitCode}{(last is null ? string.Empty : ": " + last)}");
    }

    private CameraFrame ToFrame(PooledBuffer raw)
    {
        PooledBuffer jpeg;
        try
        {
            using var image = Mat.FromPixelData(Options.Height, Options.Width, MatType.CV_8UC3, raw.UnderlyingArray);
            jpeg = JpegCodec.Encode(image, Options.JpegQuality);
        }
        catch
        {
            raw.Dispose();
            throw;
        }

        var pixels = new FramePixels(Options.Width, Options.Height, Options.Width * 3, raw.Memory);
        return CreateFrame(jpeg, Options.Width, Options.Height, pixels, raw, deviceSequence: null, deviceTime: null);
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Keeps camera passwords (rtsp://user:pass@host) out of logs and health reasons.</summary>
    internal static string RedactCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;
}
