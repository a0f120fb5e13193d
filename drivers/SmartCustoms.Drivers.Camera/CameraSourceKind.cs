namespace SmartCustoms.Drivers.Camera;

/// <summary>Where the frames come from (<c>Devices:Camera:Source</c>).</summary>
public enum CameraSourceKind
{
    /// <summary>An IP camera (or the simulator) serving MJPEG over HTTP (multipart/x-mixed-replace).</summary>
    Mjpeg,

    /// <summary>A local video device (USB/UVC or CSI camera) through Video4Linux2.</summary>
    V4l2,

    /// <summary>A recorded video file, replayed as if it were a camera.</summary>
    File,

    /// <summary>An RTSP camera, read through an <c>ffmpeg</c> process.</summary>
    Rtsp,
}
