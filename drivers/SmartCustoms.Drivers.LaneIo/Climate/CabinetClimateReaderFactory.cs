using System.Device.I2c;
using SmartCustoms.Drivers.LaneIo.Options;

namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>Opens the configured sensor on its I2C bus; <c>openDevice</c> is the seam tests use for a simulated bus.</summary>
public static class CabinetClimateReaderFactory
{
    public static Func<ICabinetClimateReader> For(CabinetClimateOptions options, Func<I2cConnectionSettings, I2cDevice>? openDevice = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var open = openDevice ?? I2cDevice.Create;
        var settings = new I2cConnectionSettings(options.Bus, options.Address);
        var sensor = options.Sensor;
        return () => sensor switch
        {
            CabinetClimateSensorKind.Sht3x => new Sht3xClimateReader(open(settings)),
            CabinetClimateSensorKind.Bme280 => new Bme280ClimateReader(open(settings)),
            _ => throw new InvalidOperationException($"unknown climate sensor kind {sensor}"),
        };
    }
}
