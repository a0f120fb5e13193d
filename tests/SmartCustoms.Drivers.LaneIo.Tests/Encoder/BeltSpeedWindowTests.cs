using SmartCustoms.Drivers.LaneIo.Encoder;

namespace SmartCustoms.Drivers.LaneIo.Tests.Encoder;

public class BeltSpeedWindowTests
{
    private const long Frequency = 1_000_000; // timestamps in µs

    [Fact]
    public void A_steady_pulse_train_gives_its_speed_over_the_window()
    {
        // 4 m/s at 250 pulses/m = 1000 pulses/s, one every 1 ms; 3 s of belt.
        var window = new BeltSpeedWindow(250, TimeSpan.FromSeconds(1), Frequency, startedAt: 0);
        for (long t = 1000; t <= 3_000_000; t += 1000)
        {
            window.AddPulse(t);
        }

        var reading = window.Read(3_000_000);
        Assert.Equal(3000, reading.PulseCount);
        Assert.Equal(1000, reading.PulsesInWindow);
        Assert.Equal(TimeSpan.FromSeconds(1), reading.Window);
        Assert.Equal(4.0, reading.BeltSpeedMetresPerSecond, precision: 6);
    }

    [Fact]
    public void Right_after_start_the_speed_is_averaged_over_the_time_since_start()
    {
        var window = new BeltSpeedWindow(100, TimeSpan.FromSeconds(1), Frequency, startedAt: 0);
        for (long t = 2000; t <= 200_000; t += 2000)
        {
            window.AddPulse(t);
        }

        var reading = window.Read(200_000);
        Assert.Equal(TimeSpan.FromMilliseconds(200), reading.Window);
        Assert.Equal(5.0, reading.BeltSpeedMetresPerSecond, precision: 6);
    }

    [Fact]
    public void A_stopped_belt_reads_zero_once_its_last_pulse_has_left_the_window_but_keeps_its_count()
    {
        var window = new BeltSpeedWindow(100, TimeSpan.FromSeconds(1), Frequency, startedAt: 0);
        for (long t = 10_000; t <= 1_000_000; t += 10_000)
        {
            window.AddPulse(t);
        }

        Assert.Equal(1.0, window.Read(1_000_000).BeltSpeedMetresPerSecond, precision: 6);
        Assert.Equal(0.5, window.Read(1_500_000).BeltSpeedMetresPerSecond, precision: 6);
        var stopped = window.Read(2_000_000);
        Assert.Equal(0, stopped.BeltSpeedMetresPerSecond);
        Assert.Equal(100, stopped.PulseCount);
    }

    [Fact]
    public void More_pulses_than_the_capacity_in_one_window_are_counted_as_overruns()
    {
        var window = new BeltSpeedWindow(100, TimeSpan.FromSeconds(10), Frequency, startedAt: 0);
        for (var i = 1; i <= BeltSpeedWindow.Capacity + 10; i++)
        {
            window.AddPulse(i);
        }

        Assert.Equal(10, window.Overruns);
        Assert.Equal(BeltSpeedWindow.Capacity + 10, window.Read(BeltSpeedWindow.Capacity + 10).PulseCount);
    }
}
