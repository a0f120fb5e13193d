using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Modbus.Devices;

namespace SmartCustoms.Drivers.Modbus.Tests.Devices;

public sealed class HeartbeatSupervisorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_moving_heartbeat_is_alive()
    {
        var supervisor = new HeartbeatSupervisor(TimeSpan.FromSeconds(2), _time);
        for (ushort beat = 0; beat < 50; beat++)
        {
            Assert.Null(supervisor.Observe(beat));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void A_heartbeat_unchanged_for_the_timeout_is_stuck_with_a_stable_reason()
    {
        var supervisor = new HeartbeatSupervisor(TimeSpan.FromSeconds(2), _time);
        Assert.Null(supervisor.Observe(41));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(supervisor.Observe(42));
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Null(supervisor.Observe(42));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("heartbeat stuck at 42 for 2.0 s", supervisor.Observe(42));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("heartbeat stuck at 42 for 2.0 s", supervisor.Observe(42));
        Assert.Null(supervisor.Observe(43));
    }

    [Fact]
    public void Wrap_around_counts_as_a_change()
    {
        var supervisor = new HeartbeatSupervisor(TimeSpan.FromSeconds(2), _time);
        Assert.Null(supervisor.Observe(65535));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(supervisor.Observe(0));
    }

    [Fact]
    public void Wall_clock_jumps_do_not_matter()
    {
        var clock = new JumpingClock();
        var supervisor = new HeartbeatSupervisor(TimeSpan.FromSeconds(2), clock);
        Assert.Null(supervisor.Observe(7));
        clock.Jump(wall: TimeSpan.FromDays(-3), monotonic: TimeSpan.FromSeconds(1));
        Assert.Null(supervisor.Observe(7));
        clock.Jump(wall: TimeSpan.FromDays(10), monotonic: TimeSpan.FromSeconds(0.5));
        Assert.Null(supervisor.Observe(7));
        clock.Jump(wall: TimeSpan.Zero, monotonic: TimeSpan.FromSeconds(0.5));
        Assert.Equal("heartbeat stuck at 7 for 2.0 s", supervisor.Observe(7));
    }

    /// <summary>A board without RTC battery: the wall clock jumps, the monotonic clock does not.</summary>
    private sealed class JumpingClock : TimeProvider
    {
        private DateTimeOffset _wall = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => _wall;

        public override long GetTimestamp() => _ticks;

        public void Jump(TimeSpan wall, TimeSpan monotonic)
        {
            _wall += wall;
            _ticks += monotonic.Ticks;
        }
    }
}
