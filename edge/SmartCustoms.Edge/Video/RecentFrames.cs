using SmartCustoms.Edge.Camera;

namespace SmartCustoms.Edge.Video;

/// <summary>
/// The camera's last <see cref="Kept"/> frames (the snapshots themselves, no copies), so the video can show a
/// frame together with the detector's boxes for that very frame: the detector answers a few frames after the
/// frame arrived, and a box drawn on a newer frame would be off by the belt's travel (~20 cm per frame at
/// 5 m/s). Filled by sampling <see cref="LatestFrameView"/> faster than the camera's frame rate.
/// Thread-safe: one writer (this service), any number of readers.
/// </summary>
internal sealed class RecentFrames(LatestFrameView frames, TimeProvider time) : BackgroundService
{
    public const int Kept = 32;

    /// <summary>Sampling period: faster than any lane camera's frame interval (≥ 25 ms), so no frame is missed.</summary>
    public static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(15);

    private readonly CameraSnapshot?[] _ring = new CameraSnapshot?[Kept];
    private readonly Lock _gate = new();
    private int _next;
    private ulong? _lastSequence;

    /// <summary>The kept frames, newest first.</summary>
    public IReadOnlyList<CameraSnapshot> NewestFirst()
    {
        var list = new List<CameraSnapshot>(Kept);
        lock (_gate)
        {
            for (var i = 1; i <= Kept; i++)
            {
                if (_ring[(_next - i + Kept) % Kept] is { } frame)
                {
                    list.Add(frame);
                }
            }
        }

        return list;
    }

    /// <summary>Records the view's latest frame if it is new (also called by the video before each pick).</summary>
    public void Sample()
    {
        var latest = frames.Latest;
        if (latest is null)
        {
            return;
        }

        lock (_gate)
        {
            if (latest.Sequence == _lastSequence)
            {
                return;
            }

            _ring[_next] = latest;
            _next = (_next + 1) % Kept;
            _lastSequence = latest.Sequence;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sample();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
