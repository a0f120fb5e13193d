namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>The cabinet climate sensor, section <c>Devices:LaneIo:Climate</c>.</summary>
public sealed class CabinetClimateOptions
{
    public bool Enabled { get; set; }

    public CabinetClimateSensorKind Sensor { get; set; } = CabinetClimateSensorKind.Sht3x;

    /// <summary>I2C bus number (<c>/dev/i2c-N</c>); 1 on a Raspberry Pi header.</summary>
    public int Bus { get; set; } = 1;

    /// <summary>7-bit I2C address; accepts hex in configuration ("0x44"). SHT3x 0x44/0x45, BME280 0x76/0x77.</summary>
    public int Address { get; set; } = 0x44;

    /// <summary>How often the sensor is read.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
