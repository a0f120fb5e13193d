namespace SmartCustoms.Drivers.Camera.Ffmpeg;

/// <summary>Builds the ffmpeg command line that turns a camera stream into raw BGR frames on stdout. Thread-safe (stateless).</summary>
internal static class FfmpegArguments
{
    public static IReadOnlyList<string> For(CameraOptions options)
    {
        var url = options.Url;
        var isNetwork = url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "warning" };
        if (url.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase))
        {
            // TCP interleaving: UDP loses packets (smeared frames) on busy industrial networks and through NAT.
            args.AddRange(["-rtsp_transport", "tcp"]);
        }

        if (!isNetwork)
        {
            // A file standing in for a camera: optionally at its own rate, optionally forever.
            if (options.RealTime)
            {
                args.Add("-re");
            }

            if (options.Loop)
            {
                args.AddRange(["-stream_loop", "-1"]);
            }
        }

        args.AddRange(["-i", url, "-an", "-sn", "-dn"]);
        args.AddRange(["-vf", FormattableString.Invariant($"scale={options.Width}:{options.Height}")]);
        if (options.Fps > 0)
        {
            args.AddRange(["-r", FormattableString.Invariant($"{options.Fps}")]);
        }

        args.AddRange(["-pix_fmt", "bgr24", "-f", "rawvideo", "pipe:1"]);
        return args;
    }
}
