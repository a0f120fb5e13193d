using Microsoft.Extensions.Logging;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>Log messages of the camera drivers (event ids 1400–1499).</summary>
internal static partial class CameraLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "{Device}: receiving frames from {Source}")]
    public static partial void Connected(ILogger logger, string device, string source);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "{Device}: {Source} failed ({Failures} in a row), reconnecting in {DelayMs} ms: {Reason}")]
    public static partial void Failed(ILogger logger, string device, string source, int failures, long delayMs, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "{Device}: corrupt JPEG skipped (frame {Sequence}, {Bytes} bytes): {Problem}")]
    public static partial void CorruptFrame(ILogger logger, string device, ulong sequence, int bytes, string problem);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "{Device}: frozen image, {Count} identical frames in a row")]
    public static partial void Frozen(ILogger logger, string device, int count);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "{Device}: image moving again after {Count} identical frames")]
    public static partial void Unfrozen(ILogger logger, string device, int count);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "{Device}: no frame for {StallMs} ms from {Source}; dropping the link")]
    public static partial void Stalled(ILogger logger, string device, string source, long stallMs);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Debug, Message = "{Device}: skipped a part of type {ContentType}")]
    public static partial void NonImagePart(ILogger logger, string device, string contentType);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "{Device}: the device skipped {Missing} frames (sequence {Previous} → {Current})")]
    public static partial void SequenceGap(ILogger logger, string device, long missing, ulong previous, ulong current);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Information, Message = "{Device}: video file {Path} ended")]
    public static partial void FileEnded(ILogger logger, string device, string path);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Debug, Message = "{Device}: ffmpeg: {Line}")]
    public static partial void FfmpegOutput(ILogger logger, string device, string line);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning,
        Message = "{Device}: frame {Sequence} carries capture time {DeviceTime:O}, {AgeMs} ms before its arrival: outside -DeviceClockTolerance..MaxCaptureAge, placed by arrival instead ({Count} so far; is the camera's clock synchronised?)")]
    public static partial void BadTimestamp(ILogger logger, string device, ulong sequence, DateTimeOffset deviceTime, long ageMs, long count);
}
