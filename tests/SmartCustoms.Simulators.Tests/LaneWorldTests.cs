using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests;

public class LaneWorldTests
{
    private static LaneWorld Contaminated(int seed) => new(LaneScenarios.Create(LaneScenarios.Contaminated), seed);

    [Fact]
    public void Same_seed_gives_the_same_items_and_ore()
    {
        var a = Contaminated(42).ItemsBetween(0, 2000);
        var b = Contaminated(42).ItemsBetween(0, 2000);
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
        Assert.Equal(Contaminated(42).OreAt(123.4), Contaminated(42).OreAt(123.4));
    }

    [Fact]
    public void Items_do_not_depend_on_the_order_they_are_asked_for()
    {
        var forward = Contaminated(5);
        var backward = Contaminated(5);
        _ = backward.ItemsBetween(900, 1000);
        Assert.Equal(forward.ItemsBetween(0, 1000), backward.ItemsBetween(0, 1000));
    }

    [Fact]
    public void Different_seed_gives_different_items()
    {
        var a = Contaminated(1).ItemsBetween(0, 2000);
        var b = Contaminated(2).ItemsBetween(0, 2000);
        Assert.NotEqual(a.Select(i => (i.Material, i.BeltCoordinateM)), b.Select(i => (i.Material, i.BeltCoordinateM)));
    }

    [Fact]
    public void Item_arrivals_follow_the_scenario_rate()
    {
        var items = Contaminated(3).ItemsBetween(0, 20_000);

        // 100 per km over 20 km: 2,000 expected, Poisson sd ≈ 45.
        Assert.InRange(items.Count, 1800, 2200);
        Assert.All(items, i => Assert.InRange(i.SizeM, 0.02, 0.60));
        Assert.Contains(items, i => i.Exposed);
        Assert.Contains(items, i => !i.Exposed);
    }

    [Fact]
    public void Clean_scenario_has_no_items()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), 1);
        Assert.Empty(world.ItemsBetween(0, 10_000));
    }

    [Fact]
    public void Mismatch_scenario_declares_another_brand_than_is_on_the_belt()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Mismatch), 1);
        Assert.NotEqual(world.Scenario.DeclaredBrand.Id, world.Scenario.ActualBrand.Id);
        Assert.Equal(world.Scenario.ActualBrand, world.OreAt(10).Brand);
        Assert.Equal(world.Scenario.DeclaredBrand.Id, world.Lots[0].DeclaredBrandId);
    }

    [Fact]
    public void Ore_moisture_stays_in_the_brand_range()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean, OreBrands.YandiFines), 9);
        for (double s = 0; s < 5000; s += 7.3)
        {
            var ore = world.OreAt(s);
            Assert.InRange(ore.MoisturePct, OreBrands.YandiFines.MoistureMinPct, OreBrands.YandiFines.MoistureMaxPct);
            Assert.Equal(1.0, ore.Hematite + ore.Goethite + ore.Magnetite, 6);
        }
    }

    [Fact]
    public void An_exposed_item_is_in_the_NIR_view_when_it_passes_the_NIR()
    {
        var world = Contaminated(11);
        var item = world.ItemsBetween(0, 5000).First(i => i.Exposed && Math.Abs(i.AcrossOffsetM) < 0.05);
        double t = world.TimeAtDevice(item.BeltCoordinateM, world.Devices.NirM)!.Value;

        var view = world.NirView(t);
        Assert.Equal(item.BeltCoordinateM, view.BeltCoordinateM, 3);
        var seen = Assert.Single(view.Items, i => i.Item.Id == item.Id);
        Assert.InRange(seen.AreaFraction, 0.01, 1.0);

        // Two seconds later the belt has carried it 10 m further: out of the spot.
        Assert.DoesNotContain(world.NirView(t + 2).Items, i => i.Item.Id == item.Id);
    }

    [Fact]
    public void Buried_items_are_never_in_view()
    {
        var world = Contaminated(12);
        var item = world.ItemsBetween(0, 5000).First(i => !i.Exposed && Math.Abs(i.AcrossOffsetM) < 0.05);
        double t = world.TimeAtDevice(item.BeltCoordinateM, world.Devices.NirM)!.Value;
        Assert.DoesNotContain(world.NirView(t).Items, i => i.Item.Id == item.Id);
    }

    [Fact]
    public void Faults_scenario_schedules_NIR_faults_on_a_cycle()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Faults), 1);
        Assert.Contains(world.ActiveFaults("nir", 22), f => f.Kind == DeviceFaultKind.Disconnect);
        Assert.Contains(world.ActiveFaults("nir", 180 + 22), f => f.Kind == DeviceFaultKind.Disconnect);
        Assert.Empty(world.ActiveFaults("nir", 10));
        Assert.Empty(world.ActiveFaults("camera", 22));
    }

    [Fact]
    public void Truth_gives_pass_times_in_device_order()
    {
        var world = Contaminated(13);
        var item = world.ItemsBetween(100, 1000)[0];
        var truth = world.Truth(item);
        Assert.True(truth.AtCameraS < truth.AtNirS);
        Assert.True(truth.AtNirS < truth.AtRadiationS);
        Assert.True(truth.AtRadiationS < truth.AtSamplerS);

        // At 5 m/s the NIR (2 m) to sampler (25 m) trip takes 4.6 s.
        Assert.Equal(4.6, truth.AtSamplerS!.Value - truth.AtNirS!.Value, 6);
    }
}
