using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Camera;
using SmartCustoms.Drivers.Camera.Mjpeg;

namespace CameraThroughput;

internal sealed record ThroughputResult(double FramesPerSecond, double MegabytesPerSecond, double CpuPercentOfOneCore);

internal static class ThroughputRun
{
    public static async Task<ThroughputResult> RunAsync(byte[][] images, bool decode, double fps, TimeSpan duration)
    {
        await using var camera = new SyntheticCamera(images, fps);
        var options = new CameraOptions { Url = camera.StreamUri.ToString(), DecodePixels = decode, FrozenFrameCount = 1000 };
        await using var source = new MjpegFrameSource(options, TimeProvider.System, NullLogger<MjpegFrameSource>.Instance);
        using var stop = new CancellationTokenSource();

        // Warm up (connect, JIT, pools), then measure.
        var frames = 0L;
        var bytes = 0L;
        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = default;
        long started = 0;
        try
        {
            await foreach (var frame in source.ReadFramesAsync(stop.Token))
            {
                using (frame)
                {
                    if (started == 0 && frame.Sequence >= 10)
                    {
                        process.Refresh();
                        cpuStart = process.TotalProcessorTime;
                        started = Stopwatch.GetTimestamp();
                        stop.CancelAfter(duration);
                        continue;
                    }

                    if (started != 0)
                    {
                        frames++;
                        bytes += frame.Jpeg.Length;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuStart;
        return new ThroughputResult(frames / wall.TotalSeconds, bytes / wall.TotalSeconds / 1e6, 100 * cpu / wall);
    }
}
