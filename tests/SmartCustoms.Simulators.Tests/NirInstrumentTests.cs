using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Nir;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests;

/// <summary>The instrument behind the SCPI server, on a fake clock (no I/O).</summary>
public class NirInstrumentTests
{
    private static (NirInstrument Instrument, FakeTimeProvider Time, LaneWorld World) Create(int seed, double itemsPerKm = 100)
    {
        var time = new FakeTimeProvider();
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Contaminated) with { ItemsPerKm = itemsPerKm }, seed);
        var clock = new LaneClock(time);
        var options = new NirSimulatorOptions { Port = 0 };
        return (new NirInstrument(world, clock, options, new DeviceFaultInjector("nir", time, world, clock)), time, world);
    }

    private static double[] Reflectance(NirInstrument nir, float[] counts)
    {
        var dark = nir.DarkReference();
        var white = nir.WhiteReference();
        return [.. counts.Select((c, i) => (c - dark[i]) / (double)(white[i] - dark[i]))];
    }

    [Fact]
    public void Same_seed_and_sequence_give_the_same_spectrum()
    {
        var (a, ta, _) = Create(21);
        var (b, tb, _) = Create(21);
        var (c, tc, _) = Create(22);
        ta.Advance(TimeSpan.FromSeconds(3));
        tb.Advance(TimeSpan.FromSeconds(3));
        tc.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(a.Get(1000).Counts, b.Get(1000).Counts);
        Assert.NotEqual(a.Get(1000).Counts, c.Get(1000).Counts);
    }

    [Fact]
    public void Spectra_complete_at_the_line_rate_and_not_before()
    {
        var (nir, time, _) = Create(1);
        Assert.Equal(0UL, nir.NextSequence());
        Assert.Equal(TimeSpan.FromMilliseconds(2), nir.TimeUntil(0));
        time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(500UL, nir.NextSequence());
        Assert.Equal(2000, nir.Get(1).DeviceTimeMicroseconds - nir.Get(0).DeviceTimeMicroseconds);
    }

    [Fact]
    public void Longer_integration_with_averaging_lowers_the_line_rate()
    {
        var (nir, time, _) = Create(1);
        nir.SetIntegration(5000);
        nir.SetAverages(2);
        time.Advance(TimeSpan.FromSeconds(1));
        ulong n = nir.NextSequence();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.InRange(nir.NextSequence() - n, 95UL, 100UL);   // 2 × (5,000 + 40) µs per spectrum
    }

    [Fact]
    public void A_polyethylene_item_passing_the_spot_shows_its_1730_nm_band()
    {
        var (nir, time, world) = Create(31, itemsPerKm: 2000);
        var item = world.ItemsBetween(0, 20_000).First(i =>
            i.Exposed && i.Material == ContaminantMaterial.Pe && i.Colour != ItemColour.Black
            && Math.Abs(i.AcrossOffsetM) < 0.05 && i.WidthM > 0.2 && i.SizeM > 0.1);
        double t = world.TimeAtDevice(item.BeltCoordinateM, world.Devices.NirM)!.Value;
        time.Advance(TimeSpan.FromSeconds(t + 1));

        ulong onItem = (ulong)Math.Floor(t / 0.002);
        Assert.Contains(world.NirView((onItem + 0.5) * 0.002).Items, i => i.Item.Id == item.Id);
        var r = Reflectance(nir, nir.Get(onItem).Counts);
        var ore = Reflectance(nir, nir.Get(onItem - 150).Counts);   // 1.5 m of belt earlier
        static double Band(double[] x) => x[186] / ((x[166] + x[206]) / 2);   // 1,730 nm vs 1,650/1,808 nm

        Assert.True(Band(r) < 0.9, $"band ratio on the item {Band(r):F3}");
        Assert.True(Band(ore) > 0.95, $"band ratio on ore {Band(ore):F3}");
        Assert.True(r[77] > ore[77] + 0.1, "the item is brighter than the ore");
    }
}
