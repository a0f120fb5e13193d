using System.Device.I2c;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Climate;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Climate;

/// <summary>The real Iot.Device.Bindings drivers (Sht3x, Bme280) on simulated I2C devices.</summary>
public class CabinetClimateTests
{
    [Fact]
    public void The_sht3x_binding_reads_temperature_and_humidity_from_the_simulated_sensor()
    {
        var device = new SimulatedSht3x { TemperatureCelsius = 24.5, RelativeHumidityPercent = 45.0 };
        using var reader = new Sht3xClimateReader(device);

        var sample = reader.Read();

        Assert.Equal(24.5, sample.TemperatureCelsius, precision: 1);
        Assert.Equal(45.0, sample.RelativeHumidityPercent, precision: 1);
        Assert.Equal("sht3x on I2C bus 1 address 0x44", reader.Description);
        Assert.Equal(0x30A2, device.Commands[0]); // soft reset at start
        Assert.Equal(0x2400, device.Commands[1]); // single shot, high repeatability, no clock stretching
    }

    [Fact]
    public void A_corrupted_sht3x_frame_is_an_error_not_the_previous_value()
    {
        var device = new SimulatedSht3x { TemperatureCelsius = 20 };
        using var reader = new Sht3xClimateReader(device);
        reader.Read();

        device.TemperatureCelsius = 35;
        device.CorruptCrc = true;
        var error = Assert.Throws<InvalidDataException>(() => reader.Read());
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bme280_binding_reads_the_datasheet_example_in_forced_mode()
    {
        var device = new SimulatedBme280();
        using var reader = new Bme280ClimateReader(device);

        var sample = reader.Read();

        // Datasheet 8.2: adc_T 519888 with its calibration is 25.08 °C; adc_H 30000 with the humidity set is
        // 55.0 %RH by the datasheet's floating-point formula (8.1).
        Assert.Equal(25.08, sample.TemperatureCelsius, precision: 2);
        Assert.Equal(55.0, sample.RelativeHumidityPercent, precision: 1);
        Assert.Equal(1, device.ForcedMeasurements);
        Assert.Equal("bme280 on I2C bus 1 address 0x76", reader.Description);
    }

    [Fact]
    public void A_bme280_address_answered_by_another_chip_is_reported_by_the_binding()
    {
        var device = new AbsentBme280();
        var error = Assert.Throws<IOException>(() => new Bme280ClimateReader(device));
        Assert.Contains("chip with id 96", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_factory_opens_the_configured_sensor_at_the_configured_bus_and_address()
    {
        I2cConnectionSettings? asked = null;
        var open = CabinetClimateReaderFactory.For(
            new CabinetClimateOptions { Enabled = true, Sensor = CabinetClimateSensorKind.Sht3x, Bus = 3, Address = 0x45 },
            settings =>
            {
                asked = settings;
                return new SimulatedSht3x(settings.BusId, settings.DeviceAddress);
            });

        using var reader = open();
        Assert.Equal(3, asked!.BusId);
        Assert.Equal(0x45, asked.DeviceAddress);
        Assert.Equal("sht3x on I2C bus 3 address 0x45", reader.Description);
    }

    [Fact]
    public async Task A_good_reading_is_published_and_the_lane_io_stays_up()
    {
        var device = new SimulatedSht3x { TemperatureCelsius = 31.2, RelativeHumidityPercent = 60 };
        await using var rig = ClimateRig(() => new Sht3xClimateReader(device));
        CabinetClimateReading? published = null;
        rig.LaneIo.ClimateRead += (_, r) => published = r;

        rig.LaneIo.PollClimate();

        Assert.True(rig.LaneIo.HasClimateSensor);
        Assert.NotNull(published);
        Assert.Equal(31.2, published.TemperatureCelsius, precision: 1);
        Assert.Equal(60, published.RelativeHumidityPercent, precision: 1);
        Assert.Equal(rig.Time.GetUtcNow(), published.HostTime);
        Assert.Same(published, rig.LaneIo.LastClimate);
        Assert.Equal(DeviceHealthState.Up, rig.LaneIo.Health.State);
    }

    [Fact]
    public async Task A_failing_sensor_degrades_the_lane_io_with_the_reason_while_the_inputs_keep_working_and_it_recovers()
    {
        var device = new SimulatedSht3x();
        await using var rig = ClimateRig(() => new Sht3xClimateReader(device));
        rig.LaneIo.PollClimate();
        var good = rig.LaneIo.LastClimate;

        device.BusError = "Remote I/O error";
        rig.LaneIo.PollClimate();

        Assert.Equal(DeviceHealthState.Degraded, rig.LaneIo.Health.State);
        Assert.Equal("cabinet climate sensor sht3x on I2C bus 1 address 0x44: Remote I/O error", rig.LaneIo.Health.Reason);
        Assert.Same(good, rig.LaneIo.LastClimate);
        Assert.True(device.Disposed); // reopened on the next attempt
        rig.Drive(LaneIoRig.BeltPin, high: true);
        rig.Run(10);
        Assert.True(rig.LaneIo.Inputs.BeltRunning);

        device.BusError = null;
        var fresh = new SimulatedSht3x { TemperatureCelsius = 22 };
        device = fresh;
        rig.LaneIo.PollClimate();
        Assert.Equal(DeviceHealthState.Up, rig.LaneIo.Health.State);
        Assert.Equal(22, rig.LaneIo.LastClimate!.TemperatureCelsius, precision: 1);
    }

    [Fact]
    public async Task A_sensor_that_cannot_be_opened_degrades_and_a_gpio_failure_still_dominates_as_down()
    {
        await using var rig = ClimateRig(() => throw new IOException("Error 2 initializing the I2C bus 1"), open: false);
        rig.Driver.FailOpen(LaneIoRig.HornPin, "busy");
        rig.LaneIo.Open();
        rig.LaneIo.PollClimate();

        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);
        Assert.Contains("Horn pin 23", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
        Assert.Contains("Error 2 initializing the I2C bus 1", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
        Assert.Null(rig.LaneIo.LastClimate);
    }

    [Fact]
    public async Task Without_a_configured_sensor_there_is_no_climate_and_polling_does_nothing()
    {
        await using var rig = new LaneIoRig(climate: () => new Sht3xClimateReader(new SimulatedSht3x()));
        rig.LaneIo.PollClimate();
        Assert.False(rig.LaneIo.HasClimateSensor);
        Assert.Null(rig.LaneIo.LastClimate);
    }

    [Theory]
    [InlineData(double.NaN, 40)]
    [InlineData(200, 40)]
    [InlineData(20, 140)]
    public void Implausible_values_are_rejected(double temperature, double humidity)
    {
        Assert.Throws<InvalidDataException>(() => ClimatePlausibility.Check("test", temperature, humidity));
    }

    private static LaneIoRig ClimateRig(Func<ICabinetClimateReader> climate, bool open = true)
    {
        var rig = new LaneIoRig(o => o.Climate.Enabled = true, climate, open);
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Run(10);
        return rig;
    }
}
