using Iot.Device.Sht3x;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Climate;
using SmartCustoms.Simulators.Hosting;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Climate;

/// <summary>The simulated cabinet SHT3x read by the real Iot.Device.Sht3x binding, and at the byte level.</summary>
public sealed class SimulatedSht3xTests : IAsyncLifetime
{
    private SimulatedLane _lane = null!;

    public async Task InitializeAsync() =>
        _lane = await SimulatedLane.StartAsync(
            new SimulatedLaneOptions { Seed = 12, NirPort = 0, SamplerPort = -1, ScalePort = -1, RadiationPort = -1, CameraPort = -1, ControlPort = -1 },
            NullLoggerFactory.Instance,
            CancellationToken.None);

    public async Task DisposeAsync() => await _lane.DisposeAsync();

    [Fact]
    public void The_real_binding_reads_plausible_cabinet_values_matching_the_world()
    {
        using var sensor = new Sht3x(_lane.CreateCabinetSensor(), Resolution.High);
        double t = sensor.Temperature.DegreesCelsius;
        double rh = sensor.Humidity.Percent;

        var truth = _lane.World.Cabinet.TruthAt(_lane.Clock.ElapsedSeconds);
        Assert.InRange(t, truth.TemperatureC - 0.3, truth.TemperatureC + 0.3);
        Assert.InRange(rh, truth.RelativeHumidityPct - 1, truth.RelativeHumidityPct + 1);
        Assert.InRange(t, 15, 50);
        Assert.InRange(rh, 5, 95);
    }

    [Fact]
    public void The_heater_warms_the_chip_and_lowers_the_humidity_it_sees()
    {
        using var sensor = new Sht3x(_lane.CreateCabinetSensor(), Resolution.High);
        double t0 = sensor.Temperature.DegreesCelsius;
        double rh0 = sensor.Humidity.Percent;
        sensor.Heater = true;
        Assert.InRange(sensor.Temperature.DegreesCelsius - t0, SimulatedSht3x.HeaterRiseC - 0.4, SimulatedSht3x.HeaterRiseC + 0.4);
        Assert.True(sensor.Humidity.Percent < rh0 - 3);
    }

    [Fact]
    public void Frame_is_the_datasheet_format_with_valid_crcs()
    {
        using var device = _lane.CreateCabinetSensor();
        device.Write([0x2C, 0x06]); // single shot, high repeatability, clock stretching: ready at once
        var frame = new byte[6];
        device.Read(frame);
        Assert.Equal(Sht3xCrc.Compute(frame.AsSpan(0, 2)), frame[2]);
        Assert.Equal(Sht3xCrc.Compute(frame.AsSpan(3, 2)), frame[5]);
        double t = -45 + (175.0 * ((frame[0] << 8) | frame[1]) / 65535);
        var truth = _lane.World.Cabinet.TruthAt(_lane.Clock.ElapsedSeconds);
        Assert.InRange(t, truth.TemperatureC - 0.3, truth.TemperatureC + 0.3);

        // The data is handed out once; a second read without a command is not acknowledged.
        Assert.Throws<IOException>(() => device.Read(frame));
    }

    [Fact]
    public void A_read_before_the_measurement_is_done_is_not_acknowledged()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var clock = new LaneClock(time);
        using var device = new SimulatedSht3x(new CabinetClimate(1), clock, new SmartCustoms.Simulators.Faults.DeviceFaultInjector("cabinet", time));
        device.Write([0x24, 0x00]); // single shot, high repeatability, no clock stretching: 15.5 ms
        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Throws<IOException>(() => device.Read(new byte[6]));
        time.Advance(TimeSpan.FromMilliseconds(6));
        device.Read(new byte[6]);
        Assert.Throws<IOException>(() => device.Write([0x12, 0x34]));
    }

    [Fact]
    public void Bad_crc_fault_is_caught_and_the_binding_keeps_no_new_value()
    {
        _lane.Faults("cabinet").Inject(DeviceFaultKind.BadCrc, TimeSpan.FromSeconds(60));

        using (var device = _lane.CreateCabinetSensor())
        {
            device.Write([0x2C, 0x06]);
            var frame = new byte[6];
            device.Read(frame);
            Assert.NotEqual(Sht3xCrc.Compute(frame.AsSpan(0, 2)), frame[2]);
            Assert.NotEqual(Sht3xCrc.Compute(frame.AsSpan(3, 2)), frame[5]);
        }

        // Iot.Device.Bindings 4.2.0's Sht3x throws nothing and returns no NaN on a CRC mismatch: it drops the
        // frame and keeps its previous value — 0 °C / 0 %RH when no good frame came yet. Callers must check.
        using var sensor = new Sht3x(_lane.CreateCabinetSensor(), Resolution.High);
        Assert.Equal(0.0, sensor.Temperature.DegreesCelsius);
        Assert.Equal(0.0, sensor.Humidity.Percent);

        _lane.Faults("cabinet").Clear();
        Assert.InRange(sensor.Temperature.DegreesCelsius, 15, 50);
    }

    [Fact]
    public void Disconnect_fault_is_a_nack()
    {
        using var device = _lane.CreateCabinetSensor();
        _lane.Faults("cabinet").Inject(DeviceFaultKind.Disconnect, TimeSpan.FromSeconds(60));
        var ex = Assert.Throws<IOException>(() => device.Write([0x2C, 0x06]));
        Assert.Contains("not acknowledged", ex.Message, StringComparison.Ordinal);
    }
}
