using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Nir;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests;

/// <summary>
/// Why a fast line rate needs a short integration time: one spectrum takes averages × (integration + readout),
/// so the default 1,000 µs caps the instrument at ~961 spectra/s whatever the line rate (fake clock, no I/O).
/// </summary>
public class NirLineRateLimitTests
{
    private static (NirInstrument Instrument, FakeTimeProvider Time) Create(double lineRateHz)
    {
        var time = new FakeTimeProvider();
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), 3);
        var clock = new LaneClock(time);
        var options = new NirSimulatorOptions { Port = 0, LineRateHz = lineRateHz };
        return (new NirInstrument(world, clock, options, new DeviceFaultInjector("nir", time, world, clock)), time);
    }

    private static ulong SpectraInOneSecond(NirInstrument nir, FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromMilliseconds(10));
        var first = nir.NextSequence();
        time.Advance(TimeSpan.FromSeconds(1));
        return nir.NextSequence() - first;
    }

    [Fact]
    public void Default_integration_caps_a_fast_line_at_the_exposure_rate()
    {
        var (nir, time) = Create(5000);

        Assert.Equal(1e6 / (1000 + NirInstrument.ReadoutUs), nir.EffectiveLineRateHz, 6);
        Assert.InRange(SpectraInOneSecond(nir, time), 960UL, 962UL);
    }

    [Fact]
    public void Short_integration_gives_the_full_line_rate()
    {
        var (nir, time) = Create(10_000);
        nir.SetIntegration(50);
        time.Advance(TimeSpan.FromMilliseconds(5)); // the spectrum in progress finishes with the old setting

        Assert.Equal(10_000, nir.EffectiveLineRateHz, 6);
        Assert.InRange(SpectraInOneSecond(nir, time), 9_999UL, 10_001UL);
    }

    [Fact]
    public void At_the_contract_rate_the_default_integration_fits()
    {
        var (nir, _) = Create(500);

        Assert.Equal(500, nir.EffectiveLineRateHz, 6);
    }
}
