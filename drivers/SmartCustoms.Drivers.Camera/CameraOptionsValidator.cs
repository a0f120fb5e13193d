using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Drivers.Camera;

/// <summary>Checks <see cref="CameraOptions"/> at start; every message names the key. Thread-safe (stateless).</summary>
public sealed class CameraOptionsValidator : IValidateOptions<CameraOptions>
{
    private const string S = CameraOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CameraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"{S}:Name must not be empty");
        }

        switch (options.Source)
        {
            case CameraSourceKind.Mjpeg:
                HttpUrl(failures, "Url", options.Url, required: true);
                HttpUrl(failures, "SnapshotUrl", options.SnapshotUrl, required: false);
                break;
            case CameraSourceKind.V4l2:
                Range(failures, "DeviceIndex", options.DeviceIndex, 0, 255);
                break;
            case CameraSourceKind.File:
                if (string.IsNullOrWhiteSpace(options.FilePath))
                {
                    failures.Add($"{S}:FilePath must be set when {S}:Source is file");
                }
                else if (!File.Exists(options.FilePath))
                {
                    failures.Add($"{S}:FilePath '{options.FilePath}' does not exist");
                }

                break;
            case CameraSourceKind.Rtsp:
                if (string.IsNullOrWhiteSpace(options.Url))
                {
                    failures.Add($"{S}:Url must be set when {S}:Source is rtsp (e.g. rtsp://10.0.0.5:554/stream1)");
                }

                if (options.Width <= 0 || options.Height <= 0)
                {
                    failures.Add(Invariant($"{S}:Width and {S}:Height must be set (> 0) when {S}:Source is rtsp (ffmpeg scales to them), got {options.Width}×{options.Height}"));
                }

                if (string.IsNullOrWhiteSpace(options.FfmpegPath))
                {
                    failures.Add($"{S}:FfmpegPath must not be empty when {S}:Source is rtsp");
                }

                break;
            default:
                failures.Add($"{S}:Source must be mjpeg, v4l2, file or rtsp, got {options.Source}");
                break;
        }

        Range(failures, "Width", options.Width, 0, 16384);
        Range(failures, "Height", options.Height, 0, 16384);
        Range(failures, "JpegQuality", options.JpegQuality, 1, 100);
        Range(failures, "FrozenFrameCount", options.FrozenFrameCount, 2, 100_000);
        Range(failures, "FailuresBeforeDown", options.FailuresBeforeDown, 1, 1000);
        Range(failures, "MaxPartBytes", options.MaxPartBytes, 64 * 1024, 256 * 1024 * 1024);
        Range(failures, "MaxHeaderBytes", options.MaxHeaderBytes, 1024, 1024 * 1024);
        Positive(failures, "StallTimeout", options.StallTimeout);
        Positive(failures, "ConnectTimeout", options.ConnectTimeout);
        Positive(failures, "ReconnectDelay", options.ReconnectDelay);
        Positive(failures, "MaxReconnectDelay", options.MaxReconnectDelay);
        Positive(failures, "LateFrameAge", options.LateFrameAge);
        Positive(failures, "DeviceClockTolerance", options.DeviceClockTolerance);
        Positive(failures, "MaxCaptureAge", options.MaxCaptureAge);
        if (options.CaptureLatency < TimeSpan.Zero || options.CaptureLatency >= options.MaxCaptureAge)
        {
            failures.Add(Invariant($"{S}:CaptureLatency must be 0 or more and shorter than {S}:MaxCaptureAge ({options.MaxCaptureAge}), got {options.CaptureLatency}"));
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            failures.Add(Invariant($"{S}:MaxReconnectDelay ({options.MaxReconnectDelay}) must not be shorter than {S}:ReconnectDelay ({options.ReconnectDelay})"));
        }

        if (!double.IsFinite(options.Fps) || options.Fps < 0 || options.Fps > 1000)
        {
            failures.Add(Invariant($"{S}:Fps must be between 0 and 1000 (0 = as delivered), got {options.Fps}"));
        }

        if (options.SlowFrameInterval < TimeSpan.Zero || options.SlowFrameInterval >= options.StallTimeout)
        {
            failures.Add(Invariant($"{S}:SlowFrameInterval must be 0 (off) or shorter than {S}:StallTimeout ({options.StallTimeout}), got {options.SlowFrameInterval}"));
        }
        else if (options.SlowFrameInterval > TimeSpan.Zero && options.Fps > 0 && 1 / options.Fps >= options.SlowFrameInterval.TotalSeconds)
        {
            failures.Add(Invariant($"{S}:SlowFrameInterval ({options.SlowFrameInterval}) must be longer than one frame at {S}:Fps {options.Fps}, or 0 (off)"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void HttpUrl(List<string> failures, string key, string value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{S}:{key} must be set when {S}:Source is mjpeg (e.g. http://10.0.0.5/stream.mjpg)");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{S}:{key} must be an absolute http:// or https:// URL, got '{value}'");
        }
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(Invariant($"{S}:{key} must be between {min} and {max}, got {value}"));
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{S}:{key} must be a positive duration (e.g. 00:00:02), got {value}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
