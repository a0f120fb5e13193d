using SmartCustoms.Drivers.Camera.Ffmpeg;

namespace SmartCustoms.Drivers.Camera.Tests.Ffmpeg;

public sealed class FfmpegArgumentsTests
{
    [Fact]
    public void An_rtsp_url_uses_tcp_transport_and_no_file_options()
    {
        var args = FfmpegArguments.For(new CameraOptions { Url = "rtsp://10.0.0.5:554/stream1", Width = 1280, Height = 720, RealTime = true, Loop = true });

        Assert.Equal(
            ["-hide_banner", "-nostdin", "-loglevel", "warning", "-rtsp_transport", "tcp", "-i", "rtsp://10.0.0.5:554/stream1",
             "-an", "-sn", "-dn", "-vf", "scale=1280:720", "-pix_fmt", "bgr24", "-f", "rawvideo", "pipe:1"],
            args);
    }

    [Fact]
    public void A_file_input_is_paced_and_looped_when_asked()
    {
        var args = FfmpegArguments.For(new CameraOptions { Url = "/data/belt.avi", Width = 640, Height = 360, RealTime = true, Loop = true, Fps = 25 });

        Assert.Equal(["-re", "-stream_loop", "-1", "-i", "/data/belt.avi"], args.Skip(4).Take(5));
        Assert.Contains("-r", args);
    }

    [Fact]
    public void Credentials_are_kept_out_of_descriptions() =>
        Assert.Equal("rtsp://***@10.0.0.5/stream", FfmpegRtspFrameSource.RedactCredentials("rtsp://admin:secret@10.0.0.5/stream"));
}
