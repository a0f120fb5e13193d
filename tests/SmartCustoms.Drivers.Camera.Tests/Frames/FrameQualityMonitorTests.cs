using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Tests.Frames;

public sealed class FrameQualityMonitorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);

    private static (FrameQualityMonitor Monitor, CameraMetrics Metrics) Create(int frozenAfter = 3)
    {
        var metrics = new CameraMetrics("camera", null);
        return (new FrameQualityMonitor("camera", frozenAfter, TimeSpan.FromSeconds(1), metrics, NullLogger.Instance), metrics);
    }

    [Fact]
    public void N_identical_frames_in_a_row_are_frozen_and_a_new_image_ends_it()
    {
        var (monitor, metrics) = Create(frozenAfter: 3);
        byte[] a = [1, 2, 3];

        Assert.False(monitor.Observe(a, null, null, Now));
        Assert.True(monitor.Observe(a.ToArray(), null, null, Now));
        Assert.False(monitor.IsFrozen);
        Assert.True(monitor.Observe(a, null, null, Now));
        Assert.True(monitor.IsFrozen);
        monitor.Observe(a, null, null, Now);
        Assert.Equal(2, metrics.Snapshot().Frozen);

        Assert.False(monitor.Observe([1, 2, 4], null, null, Now));
        Assert.False(monitor.IsFrozen);
        Assert.Equal(1, monitor.IdenticalRun);
    }

    [Fact]
    public void Alternating_images_never_freeze()
    {
        var (monitor, metrics) = Create(frozenAfter: 2);
        for (var i = 0; i < 20; i++)
        {
            monitor.Observe(i % 2 == 0 ? [1, 2] : [1, 3], null, null, Now);
        }

        Assert.False(monitor.IsFrozen);
        Assert.Equal(0, metrics.Snapshot().Frozen);
    }

    [Fact]
    public void Gaps_in_device_sequence_numbers_count_as_dropped_and_a_restart_does_not()
    {
        var (monitor, metrics) = Create();

        monitor.Observe([1], 10, null, Now);
        monitor.Observe([2], 11, null, Now);
        monitor.Observe([3], 15, null, Now); // 12, 13, 14 missing
        monitor.Observe([4], 1, null, Now); // the camera restarted its count
        monitor.Observe([5], 2, null, Now);

        Assert.Equal(3, metrics.Snapshot().Dropped);
    }

    [Fact]
    public void Frames_older_than_the_limit_on_arrival_are_late()
    {
        var (monitor, metrics) = Create();

        monitor.Observe([1], null, Now.AddMilliseconds(-200), Now);
        monitor.Observe([2], null, Now.AddMilliseconds(-1500), Now);
        monitor.Observe([3], null, null, Now);

        Assert.Equal(1, metrics.Snapshot().Late);
    }
}
