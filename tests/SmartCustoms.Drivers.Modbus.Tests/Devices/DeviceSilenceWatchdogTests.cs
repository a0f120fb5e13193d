using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Drivers.Modbus.Tests.Devices;

/// <summary>The watchdog every driver uses for time-based down (stall, slow, garbage), on a fake clock.</summary>
public sealed class DeviceSilenceWatchdogTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly DeviceHealthTracker _health;

    public DeviceSilenceWatchdogTests()
    {
        _health = new DeviceHealthTracker("dev", failuresBeforeDown: 3, _time);
        _health.ReportSuccess();
    }

    [Fact]
    public void An_idle_device_is_never_marked_down()
    {
        using var watchdog = new DeviceSilenceWatchdog(_health, TimeSpan.FromSeconds(1.5), _time);

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(DeviceHealthState.Up, _health.Current.State);
    }

    [Fact]
    public void An_answer_owed_longer_than_the_limit_marks_the_device_down_with_the_last_problem()
    {
        using var watchdog = new DeviceSilenceWatchdog(_health, TimeSpan.FromSeconds(1.5), _time, "no frame");
        watchdog.Expect();
        watchdog.Problem("corrupt image: no end marker");

        _time.Advance(TimeSpan.FromSeconds(1.4));
        Assert.Equal(DeviceHealthState.Up, _health.Current.State);

        // The timer checks every limit/16: the device is down at most one period after the limit.
        _time.Advance(TimeSpan.FromSeconds(0.3));
        Assert.Equal(DeviceHealthState.Down, _health.Current.State);
        Assert.Equal("no frame for 1.5 s; last problem: corrupt image: no end marker", _health.Current.Reason);
    }

    [Fact]
    public void Answers_in_time_keep_the_device_up_however_long_it_runs()
    {
        using var watchdog = new DeviceSilenceWatchdog(_health, TimeSpan.FromSeconds(1), _time);
        for (var i = 0; i < 100; i++)
        {
            watchdog.Expect();
            _time.Advance(TimeSpan.FromMilliseconds(900));
            watchdog.Answered();
        }

        Assert.Equal(DeviceHealthState.Up, _health.Current.State);
    }

    [Fact]
    public void A_later_expectation_keeps_the_start_of_the_earlier_unanswered_one()
    {
        using var watchdog = new DeviceSilenceWatchdog(_health, TimeSpan.FromSeconds(1), _time);
        watchdog.Expect();
        _time.Advance(TimeSpan.FromMilliseconds(600));
        watchdog.Expect(); // a retry: the silence still counts from the first request
        _time.Advance(TimeSpan.FromMilliseconds(600));

        Assert.Equal(DeviceHealthState.Down, _health.Current.State);
        Assert.Equal("no answer for 1.0 s", _health.Current.Reason);
    }

    [Fact]
    public void Work_time_asked_for_is_not_silence()
    {
        using var watchdog = new DeviceSilenceWatchdog(_health, TimeSpan.FromSeconds(1), _time);
        watchdog.Expect(TimeSpan.FromSeconds(2)); // e.g. a long burst being acquired

        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(DeviceHealthState.Up, _health.Current.State);

        _time.Advance(TimeSpan.FromSeconds(0.3));
        Assert.Equal(DeviceHealthState.Down, _health.Current.State);
    }

    [Fact]
    public void An_abandoned_wait_owes_nothing()
    {
        using var watchdog = new DeviceSilenceWatchdog(_health, TimeSpan.FromSeconds(1), _time);
        watchdog.Expect();
        watchdog.Abandon();

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(DeviceHealthState.Up, _health.Current.State);
    }

    [Fact]
    public void A_device_already_down_keeps_its_own_reason()
    {
        using var watchdog = new DeviceSilenceWatchdog(_health, TimeSpan.FromSeconds(1), _time);
        _health.ReportDown("connection refused");
        watchdog.Expect();

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("connection refused", _health.Current.Reason);
    }
}
