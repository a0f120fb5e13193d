using SmartCustoms.Simulators.Spectra;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests;

public class SpectralPhysicsTests
{
    private static readonly double[] Grid = SpectralMath.LinearGrid(1000, 2000, 256);

    private static int Pixel(double nm) => (int)Math.Round((nm - 1000) / (1000.0 / 255));

    private static double[] Render(Endmember e, int seed)
    {
        var r = new double[Grid.Length];
        EndmemberLibrary.Recipe(e).Render(Grid, new Random(seed), r);
        return r;
    }

    [Fact]
    public void Polyethylene_shows_its_CH_band_near_1730_nm()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var pe = Render(Endmember.Pe, seed);
            double continuum = (pe[Pixel(1650)] + pe[Pixel(1820)]) / 2;
            double band = Enumerable.Range(Pixel(1715), Pixel(1745) - Pixel(1715) + 1).Min(i => pe[i]);
            Assert.True(band < 0.8 * continuum, $"seed {seed}: 1730 nm {band:F3} vs continuum {continuum:F3}");
        }
    }

    [Fact]
    public void Hematite_wing_rises_from_1000_to_1300_nm()
    {
        var hem = Render(Endmember.Hematite, 3);
        Assert.True(hem[Pixel(1300)] > 1.5 * hem[Pixel(1000)]);
        Assert.InRange(hem[Pixel(1000)], 0.03, 0.2);
    }

    [Fact]
    public void Carbon_black_rubber_is_flat_and_dark()
    {
        var rubber = Render(Endmember.BlackRubber, 4);
        Assert.All(rubber, r => Assert.InRange(r, 0.015, 0.06));
    }

    [Fact]
    public void Water_bands_deepen_with_moisture()
    {
        double Depth1940(double moisture)
        {
            var synth = new SpotSynthesizer(new FreshEndmembers(Grid)) { Scatter = ScatterOptions.None };
            var r = new double[Grid.Length];
            synth.Spot(new OreSample(OreBrands.CarajasFines, 0.9, 0.08, 0.02, moisture), [], new Random(7), r);
            return 1 - (r[Pixel(1940)] / r[Pixel(1800)]);
        }

        double dry = Depth1940(1), wet = Depth1940(10);
        Assert.True(wet > dry + 0.15, $"band depth dry {dry:F3}, wet {wet:F3}");
    }

    [Fact]
    public void Linear_mixing_weights_the_contaminant_by_area()
    {
        var synth = new SpotSynthesizer(new FreshEndmembers(Grid)) { Scatter = ScatterOptions.None };
        var ore = new OreSample(OreBrands.MagnetiteConcentrate, 0.04, 0.02, 0.94, 0.0);
        var none = new double[Grid.Length];
        var half = new double[Grid.Length];
        synth.Spot(ore, [], new Random(1), none);
        synth.Spot(ore, [new SpotComponent(ContaminantMaterial.Paper, ItemColour.White, 0.5)], new Random(1), half);
        Assert.True(half[Pixel(1300)] > none[Pixel(1300)] + 0.2);
    }

    [Fact]
    public void Counts_saturate_at_full_scale()
    {
        var model = new NirInstrumentModel();
        var bright = Enumerable.Repeat(5.0, model.Pixels).ToArray();
        var counts = new float[model.Pixels];
        model.Acquire(bright, InstrumentState.Default with { IntegrationUs = 10_000 }, new Random(1), counts);
        Assert.All(counts, c => Assert.True(c <= 65535f));
        Assert.Contains(counts, c => c == 65535f);
    }

    [Fact]
    public void Dark_counts_rise_with_detector_temperature()
    {
        var model = new NirInstrumentModel();
        var cold = new float[model.Pixels];
        var warm = new float[model.Pixels];
        model.AcquireDark(InstrumentState.Default with { Averages = 64 }, new Random(1), cold);
        model.AcquireDark(InstrumentState.Default with { DetectorTemperatureC = 0, Averages = 64 }, new Random(1), warm);
        Assert.True(warm.Average() > cold.Average() * 1.5);
    }

    [Fact]
    public void Signal_scales_with_integration_time()
    {
        var model = new NirInstrumentModel();
        var grey = Enumerable.Repeat(0.2, model.Pixels).ToArray();
        var dark1 = new float[model.Pixels];
        var dark2 = new float[model.Pixels];
        var s1 = new float[model.Pixels];
        var s2 = new float[model.Pixels];
        var state = InstrumentState.Default with { Averages = 100 };
        model.AcquireDark(state, new Random(1), dark1);
        model.Acquire(grey, state, new Random(2), s1);
        model.AcquireDark(state with { IntegrationUs = 2000 }, new Random(3), dark2);
        model.Acquire(grey, state with { IntegrationUs = 2000 }, new Random(4), s2);
        double ratio = (s2[128] - dark2[128]) / (s1[128] - dark1[128]);
        Assert.InRange(ratio, 1.9, 2.1);
    }
}
