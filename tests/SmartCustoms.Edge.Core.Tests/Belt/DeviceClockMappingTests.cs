using SmartCustoms.Edge.Core.Belt;

namespace SmartCustoms.Edge.Core.Tests.Belt;

public sealed class DeviceClockMappingTests
{
    private const long Frequency = 1_000_000_000;

    [Fact]
    public void A_burst_read_late_from_the_instrument_buffer_is_placed_when_it_was_taken()
    {
        // Device clock = host clock − 3 s. Bursts of 20 spectra at 500/s arrive 1 ms after the newest was taken...
        var clock = new DeviceClockMapping(Frequency);
        for (var k = 1; k <= 50; k++)
        {
            var newest = k * 40_000L;
            clock.Observe(newest, Host(newest) + Ms(1));
        }

        // ...then the host falls 600 ms behind: the next burst's newest spectrum arrives 601 ms after it was taken.
        const long Late = 51 * 40_000L;
        clock.Observe(Late, Host(Late) + Ms(601));

        Assert.Equal(Host(Late) + Ms(1), clock.ToHost(Late));            // not + 601 ms (3 m upstream at 5 m/s)
        Assert.Equal(Host(Late - 38_000) + Ms(1), clock.ToHost(Late - 38_000));
    }

    [Fact]
    public void A_slower_link_becomes_the_floor_once_drift_can_no_longer_explain_it()
    {
        var clock = new DeviceClockMapping(Frequency, maxDriftPpm: 200);
        clock.Observe(0, Host(0) + Ms(1));
        for (var k = 1; k <= 300; k++)
        {
            // From here on every burst arrives 5 ms late (a slower link). 4 ms more delay is what 200 ppm of drift
            // makes in 20 s: until then the 1 ms floor holds, after it 5 ms is the new floor.
            clock.Observe(k * 100_000L, Host(k * 100_000L) + Ms(5));
            if (k == 100)
            {
                Assert.Equal(Host(10_000_000) + Ms(1), clock.ToHost(10_000_000));
            }
        }

        Assert.Equal(Host(30_000_000) + Ms(5), clock.ToHost(30_000_000));
    }

    [Fact]
    public void A_lag_of_tens_of_seconds_keeps_the_backlog_where_it_was_taken()
    {
        // The gateway froze (or a loaded box fell behind) for 40 s, longer than any fixed window: bursts of 20 spectra
        // at 500/s kept on time for 20 s, then nothing arrives until the host reads the instrument's backlog, 40 s late,
        // one burst every 5 ms, and catches up with the live spectra after ~46 s.
        var clock = new DeviceClockMapping(Frequency);
        long device = 0;
        for (var k = 0; k < 500; k++)
        {
            device += 40_000;
            clock.Observe(device, Host(device) + Ms(1));
        }

        var arrival = Host(device) + Ms(40_000);
        var lagging = 0;
        while (arrival > Host(device) + Ms(1))
        {
            device += 40_000;
            arrival = Math.Max(arrival + Ms(5), Host(device) + Ms(1));
            clock.Observe(device, arrival);
            lagging++;

            // Each spectrum of the backlog stays where the belt was when it was taken (a 10-second window placed them
            // 40 s = 200 m downstream, crowding the segments under the NIR at catch-up).
            Assert.Equal(Host(device) + Ms(1), clock.ToHost(device));
            Assert.Equal(Host(device - 38_000) + Ms(1), clock.ToHost(device - 38_000));
        }

        Assert.True(lagging > 1_000, $"the backlog took {lagging} bursts to read");
    }

    [Fact]
    public void A_device_clock_stepped_forward_is_followed_at_once()
    {
        var clock = new DeviceClockMapping(Frequency);
        clock.Observe(1_000_000, Host(1_000_000) + Ms(1));
        const long Step = 3_600_000_000;   // +1 h on the instrument (clock-offset fault, clock set)
        clock.Observe(1_040_000 + Step, Host(1_040_000) + Ms(1));

        Assert.Equal(Host(1_040_000) + Ms(1), clock.ToHost(1_040_000 + Step));
    }

    [Fact]
    public void An_instrument_restart_starts_the_mapping_afresh()
    {
        var clock = new DeviceClockMapping(Frequency);
        clock.Observe(5_000_000, Host(5_000_000) + Ms(1));
        clock.Observe(1_000, Ms(9_000));   // device time went back: restarted, new offset

        Assert.Equal(1, clock.Restarts);
        Assert.Equal(Ms(9_000), clock.ToHost(1_000));
    }

    [Fact]
    public void Mapping_before_any_observation_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => new DeviceClockMapping(Frequency).ToHost(0));
    }

    private static long Host(long deviceMicroseconds) => (deviceMicroseconds * 1_000) + Ms(3_000);

    private static long Ms(long milliseconds) => milliseconds * 1_000_000;
}
