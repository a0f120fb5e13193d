namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>A fact that needs the ffmpeg executable; skipped, with the reason, where it is not installed.</summary>
internal sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (FindFfmpeg() is null)
        {
            Skip = "ffmpeg is not installed on this machine (apt-get install ffmpeg); the RTSP source runs it as a child process";
        }
    }

    public static string? FindFfmpeg() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "ffmpeg"))
        .FirstOrDefault(File.Exists);
}
