using SmartCustoms.Drivers.Camera.Mjpeg;

namespace SmartCustoms.Drivers.Camera;

/// <summary>Settings of the lane camera, configuration section <c>Devices:Camera</c>.</summary>
public sealed class CameraOptions
{
    public const string SectionName = "Devices:Camera";

    /// <summary>Device name used in health reports, logs, metrics and frames.</summary>
    public string Name { get; set; } = "camera";

    public CameraSourceKind Source { get; set; } = CameraSourceKind.Mjpeg;

    /// <summary>The stream URL: <c>http://…/stream.mjpg</c> for mjpeg, <c>rtsp://…</c> (or any ffmpeg input) for rtsp.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8081/stream.mjpg";

    /// <summary>Still-image URL for mjpeg; empty means <c>/snapshot.jpg</c> on the stream's host.</summary>
    public string SnapshotUrl { get; set; } = string.Empty;

    /// <summary>V4L2 device path, e.g. <c>/dev/video0</c>; when empty, <see cref="DeviceIndex"/> is used.</summary>
    public string DevicePath { get; set; } = string.Empty;

    /// <summary>V4L2 device index (the N of <c>/dev/videoN</c>) when <see cref="DevicePath"/> is empty.</summary>
    public int DeviceIndex { get; set; }

    /// <summary>Video file for the file source (any container/codec the bundled OpenCV reads, e.g. MJPG in AVI).</summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>Frame width asked of a V4L2 device and produced by ffmpeg (required for rtsp); 0 = as delivered.</summary>
    public int Width { get; set; }

    /// <summary>Frame height, as <see cref="Width"/>.</summary>
    public int Height { get; set; }

    /// <summary>Frame rate asked of a V4L2 device; for file replay, used when the file does not say; 0 = as delivered.</summary>
    public double Fps { get; set; }

    /// <summary>Replay files (and ffmpeg file inputs) at their own frame rate; false = as fast as they decode.</summary>
    public bool RealTime { get; set; } = true;

    /// <summary>Start a file again from the beginning when it ends.</summary>
    public bool Loop { get; set; } = true;

    /// <summary>Decode MJPEG frames to BGR pixels in the driver (file, V4L2 and rtsp frames always carry pixels).</summary>
    public bool DecodePixels { get; set; }

    /// <summary>JPEG quality (1–100) used when the driver encodes frames itself (V4L2, file, rtsp).</summary>
    public int JpegQuality { get; set; } = 90;

    /// <summary>No frame for this long means the camera stalled: the link is dropped, health goes down, and it reconnects.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>TCP connect timeout of the HTTP client.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A frame that takes longer than this to arrive (from when the consumer asked for it) is slow; frames that
    /// keep coming slowly for <see cref="StallTimeout"/> mark the camera down (0.4 s = under 2.5 fps; the lane
    /// needs 25 fps). 0 turns the check off, e.g. for a camera configured below 2.5 fps.
    /// </summary>
    public TimeSpan SlowFrameInterval { get; set; } = TimeSpan.FromSeconds(0.4);

    /// <summary>This many byte-identical frames in a row mark the image frozen (health degraded).</summary>
    public int FrozenFrameCount { get; set; } = 50;

    /// <summary>Consecutive failed connection attempts before the camera is reported down (a stall is down at once).</summary>
    public int FailuresBeforeDown { get; set; } = 2;

    /// <summary>First wait before reconnecting; doubles per failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A frame whose device timestamp is older than this on arrival is counted late (needs synchronised clocks).</summary>
    public TimeSpan LateFrameAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Place frames by the camera's own capture time (the <c>X-Frame-Timestamp</c> part header of an MJPEG stream)
    /// when it sends one: on a moving belt the moment of capture, not of arrival, says where an item was, and frames
    /// can arrive a second late when the gateway falls behind. Needs the camera's clock synchronised with the
    /// gateway's (NTP/PTP). False = always arrival minus <see cref="CaptureLatency"/>.
    /// </summary>
    public bool UseDeviceTimestamps { get; set; } = true;

    /// <summary>
    /// For frames without a usable device timestamp: how long before arrival they were captured (exposure, encoding
    /// and transport of the camera; measure it once against a camera that stamps its frames). 0 = arrival time.
    /// </summary>
    public TimeSpan CaptureLatency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// A device timestamp later than the frame's arrival by more than this, or earlier by more than
    /// <see cref="MaxCaptureAge"/>, is a clock error: the frame is placed by arrival minus <see cref="CaptureLatency"/>
    /// instead, and the frame counted (<c>BadTimestamps</c>).
    /// </summary>
    public TimeSpan DeviceClockTolerance { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Oldest device capture time believed, relative to arrival (see <see cref="DeviceClockTolerance"/>).</summary>
    public TimeSpan MaxCaptureAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest image accepted from the camera; protects memory against garbage and bad lengths.</summary>
    public int MaxPartBytes { get; set; } = MjpegReaderLimits.DefaultMaxPartBytes;

    /// <summary>Most bytes of part headers (and junk before a boundary) accepted.</summary>
    public int MaxHeaderBytes { get; set; } = MjpegReaderLimits.DefaultMaxHeaderBytes;

    /// <summary>The ffmpeg executable for the rtsp source (a name on PATH or a full path).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    internal MjpegReaderLimits ReaderLimits => new(MaxPartBytes, Math.Max(MaxHeaderBytes, 4096));
}
