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
    public void The_offset_follows_the_smallest_delay_of_the_window_and_forgets_older_ones()
    {
        var clock = new DeviceClockMapping(Frequency, windowSeconds: 1);
        clock.Observe(0, Host(0) + Ms(1));
        for (var k = 1; k <= 30; k++)
        {
            // From here on every burst arrives 5 ms late (a slower link): after the window, 5 ms is the new floor.
            clock.Observe(k * 100_000L, Host(k * 100_000L) + Ms(5));
        }

        Assert.Equal(Host(3_000_000) + Ms(5), clock.ToHost(3_000_000));
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
