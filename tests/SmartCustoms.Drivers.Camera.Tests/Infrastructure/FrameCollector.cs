using System.Collections.Concurrent;
using SmartCustoms.Drivers.Abstractions.Camera;

namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>What a test keeps of a frame after disposing it.</summary>
internal sealed record SeenFrame(ulong Sequence, bool SequenceFromDevice, DateTimeOffset? DeviceTime, int Width, int Height, bool HasPixels, bool IsRepeat, int JpegBytes)
{
    public long HostTimestamp { get; init; }

    public long CaptureTimestamp { get; init; }

    public bool CaptureTimeFromDevice { get; init; }
}

/// <summary>Reads a frame source in the background like the gateway would, recording what arrives.</summary>
internal sealed class FrameCollector : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SeenFrame> _frames = new();
    private readonly Task _reading;

    public FrameCollector(IFrameSource source)
    {
        _reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var frame in source.ReadFramesAsync(_stop.Token))
                {
                    using (frame)
                    {
                        _frames.Enqueue(new SeenFrame(frame.Sequence, frame.SequenceFromDevice, frame.DeviceTime, frame.Width, frame.Height,
                            frame.HasPixels, frame.IsRepeat, frame.Jpeg.Length)
                        {
                            HostTimestamp = frame.HostTimestamp,
                            CaptureTimestamp = frame.CaptureTimestamp,
                            CaptureTimeFromDevice = frame.CaptureTimeFromDevice,
                        });
                        if (frame.Pixels is { } pixels)
                        {
                            Assert.Equal(pixels.Stride * pixels.Height, pixels.Bgr24.Length);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    public IReadOnlyList<SeenFrame> Frames => _frames.ToArray();

    /// <summary>Set when the reading loop ended by itself (a finite source) or failed.</summary>
    public Task Reading => _reading;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
