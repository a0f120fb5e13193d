using System.Device.I2c;
using Iot.Device.Bmxx80;

namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>A Bosch BME280 through <see cref="Bme280"/> (forced-mode read of temperature and humidity).</summary>
public sealed class Bme280ClimateReader : ICabinetClimateReader
{
    private readonly Bme280 _sensor;

    /// <summary>
    /// Takes ownership of <paramref name="device"/>. The constructor checks the chip id and reads the calibration
    /// (I/O); it throws <see cref="IOException"/> when no BME280 answers at that address.
    /// </summary>
    public Bme280ClimateReader(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Description = FormattableString.Invariant(
            $"bme280 on I2C bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}");
        try
        {
            _sensor = new Bme280(device);
        }
        catch
        {
            device.Dispose();
            throw;
        }

        _sensor.HumiditySampling = Sampling.Standard;
    }

    public string Description { get; }

    public CabinetClimateSample Read()
    {
        var result = _sensor.Read();
        if (result.Temperature is not { } temperature || result.Humidity is not { } humidity)
        {
            throw new InvalidDataException($"{Description}: the sensor returned no temperature or humidity (sampling skipped?)");
        }

        return ClimatePlausibility.Check(Description, temperature.DegreesCelsius, humidity.Percent);
    }

    public void Dispose() => _sensor.Dispose();
}
