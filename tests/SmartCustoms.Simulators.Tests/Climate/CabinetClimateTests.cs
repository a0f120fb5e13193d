using SmartCustoms.Simulators.Climate;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Climate;

/// <summary>The cabinet climate model (pure functions of seed and lane time) and the SHT3x CRC.</summary>
public sealed class CabinetClimateTests
{
    [Fact]
    public void Crc_matches_the_datasheet_example()
    {
        // SHT3x datasheet 4.12: CRC(0xBEEF) = 0x92.
        Assert.Equal(0x92, Sht3xCrc.Compute([0xBE, 0xEF]));
    }

    [Fact]
    public void Same_seed_gives_the_same_readings_another_seed_other_ones()
    {
        var a = new CabinetClimate(5);
        var b = new CabinetClimate(5);
        var c = new CabinetClimate(6);
        double[] times = [0, 0.35, 12.7, 600, 7200.2];
        Assert.Equal(times.Select(t => a.MeasureAt(t)), times.Select(t => b.MeasureAt(t)));
        Assert.NotEqual(times.Select(t => a.MeasureAt(t)), times.Select(t => c.MeasureAt(t)));
    }

    [Fact]
    public void Temperature_follows_the_daily_curve_and_humidity_moves_against_it()
    {
        var climate = new CabinetClimate(3, startHourOfDay: 0);
        var day = Enumerable.Range(0, 24 * 12).Select(i => i * 300.0).Select(t => (Hour: climate.HourOfDayAt(t), Truth: climate.TruthAt(t))).ToList();
        var warmest = day.MaxBy(d => d.Truth.TemperatureC);
        var coldest = day.MinBy(d => d.Truth.TemperatureC);

        // Outside peaks at 15:00 and bottoms at 03:00; the cabinet lags 1.5 h (±1 h for the slow wander).
        Assert.InRange(warmest.Hour, 15.5, 17.5);
        Assert.InRange(coldest.Hour, 3.5, 5.5);
        Assert.InRange(warmest.Truth.TemperatureC - coldest.Truth.TemperatureC, 8, 12);
        Assert.All(day, d => Assert.InRange(d.Truth.TemperatureC, 20, 48));
        Assert.All(day, d => Assert.InRange(d.Truth.RelativeHumidityPct, 15, 80));

        // The same air warmed holds the same moisture: relative humidity is lower when the cabinet is warm.
        Assert.True(warmest.Truth.RelativeHumidityPct < coldest.Truth.RelativeHumidityPct - 10);
    }

    [Fact]
    public void Measurements_scatter_around_the_truth_by_the_sensor_noise()
    {
        var climate = new CabinetClimate(9);
        var errors = Enumerable.Range(0, 500).Select(i => i * 0.1).Select(t => climate.MeasureAt(t).TemperatureC - climate.TruthAt(t).TemperatureC).ToList();
        double sd = Math.Sqrt(errors.Average(e => e * e));
        Assert.InRange(sd, 0.025, 0.06);
        Assert.InRange(errors.Average(), -0.01, 0.01);
    }
}
