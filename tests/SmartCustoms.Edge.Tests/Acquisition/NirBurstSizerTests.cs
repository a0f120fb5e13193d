using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Edge.Acquisition;

namespace SmartCustoms.Edge.Tests.Acquisition;

/// <summary>
/// The size of the next NIR read: whole bursts covering the burst window at the instrument's line rate, at most the
/// bursts one model call may join, within the block size limit; one burst at the contract's 500 spectra/s.
/// </summary>
public class NirBurstSizerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(40);

    [Fact]
    public void Starts_with_one_burst()
    {
        Assert.Equal(20, new NirBurstSizer(20, 5, Window, 8 << 20).Next);
    }

    [Theory]
    [InlineData(500, 20)] // the contract's line rate: 20 spectra are 40 ms, as before
    [InlineData(999, 20)] // 40 ms hold 39.96 spectra: still one whole burst
    [InlineData(1100, 40)]
    [InlineData(2600, 100)]
    [InlineData(34_000, 100)] // capped at the 5 bursts one model call may join
    public void Reads_as_many_whole_bursts_as_the_window_holds_at_the_line_rate(double lineRate, int expected)
    {
        var sizer = new NirBurstSizer(20, 5, Window, 8 << 20);

        sizer.Observe(Burst(sizer.Next, lineRate));

        Assert.Equal(expected, sizer.Next);
    }

    [Fact]
    public void Stays_at_one_burst_when_joining_is_off_or_the_window_is_zero()
    {
        var noJoining = new NirBurstSizer(20, 1, Window, 8 << 20);
        var noWindow = new NirBurstSizer(20, 5, TimeSpan.Zero, 8 << 20);

        noJoining.Observe(Burst(20, 34_000));
        noWindow.Observe(Burst(20, 34_000));

        Assert.Equal(20, noJoining.Next);
        Assert.Equal(20, noWindow.Next);
    }

    [Fact]
    public void Never_asks_for_more_than_fits_in_one_block()
    {
        // 256 pixels: 20 + 1,024 bytes per spectrum, 20,880 per burst of 20; 50,000 bytes hold two bursts.
        var sizer = new NirBurstSizer(20, 5, Window, 50_000);

        sizer.Observe(Burst(20, 34_000));

        Assert.Equal(40, sizer.Next);
    }

    [Fact]
    public void Slows_down_with_the_line_rate_and_keeps_its_size_when_the_stamps_do_not_advance()
    {
        var sizer = new NirBurstSizer(20, 5, Window, 8 << 20);
        sizer.Observe(Burst(20, 34_000));
        Assert.Equal(100, sizer.Next);

        sizer.Observe(Burst(100, 0)); // all stamps equal (instrument clock reset): no rate, size kept
        Assert.Equal(100, sizer.Next);

        sizer.Observe(Burst(100, 500));
        Assert.Equal(20, sizer.Next);
    }

    private static RawSpectrum[] Burst(int count, double lineRate) =>
        [.. Enumerable.Range(0, count).Select(i => new RawSpectrum(
            (ulong)i,
            lineRate > 0 ? (long)Math.Round(i * 1e6 / lineRate) : 1_000,
            25f,
            DateTimeOffset.UnixEpoch,
            0,
            new float[256]))];
}
