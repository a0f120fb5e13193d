using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Camera;
using SmartCustoms.Drivers.Camera.Mjpeg;

namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>Frames per second through <see cref="MjpegFrameSource"/> (HTTP, own multipart reader, JPEG check, optional decode) from a server that sends 1280x720 JPEGs as fast as they are read.</summary>
internal static class MjpegBenchmark
{
    public static async Task<BenchmarkRow> RunAsync(Uri stream, bool decode, TimeSpan duration)
    {
        var options = new CameraOptions { Url = stream.ToString(), DecodePixels = decode, FrozenFrameCount = 100_000, SlowFrameInterval = TimeSpan.Zero };
        await using var source = new MjpegFrameSource(options, TimeProvider.System, NullLogger<MjpegFrameSource>.Instance);
        using var stop = new CancellationTokenSource();
        CpuMeter? meter = null;
        long frames = 0, bytes = 0;
        var width = 0;
        var height = 0;
        try
        {
            await foreach (var frame in source.ReadFramesAsync(stop.Token))
            {
                using (frame)
                {
                    // The first frames warm up (connect, JIT, decoder); then measure.
                    if (meter is null)
                    {
                        if (frame.Sequence >= 20)
                        {
                            meter = CpuMeter.Start();
                            stop.CancelAfter(duration);
                        }

                        continue;
                    }

                    frames++;
                    bytes += frame.Jpeg.Length;
                    width = frame.Width;
                    height = frame.Height;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (meter is null || frames == 0)
        {
            throw new InvalidOperationException($"no frames from {stream}: camera health {source.Health}");
        }

        var cpu = meter.PercentOfOneCore();
        var rate = frames / meter.Elapsed.TotalSeconds;
        return new BenchmarkRow(
            string.Create(CultureInfo.InvariantCulture, $"MJPEG reader {width}x{height}, {(decode ? "decoded to BGR" : "JPEG checked, not decoded")}"),
            string.Create(CultureInfo.InvariantCulture, $"{rate:N1} frames/s"),
            string.Create(CultureInfo.InvariantCulture, $"{1000 / rate:0.0} ms/frame"),
            cpu,
            string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)frames / 1024:N0} KiB/frame, {source.Counters.Corrupt} corrupt"));
    }
}
