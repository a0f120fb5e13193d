using System.Device.I2c;
using Iot.Device.Sht3x;

namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>
/// A Sensirion SHT3x through <see cref="Sht3x"/>. The binding keeps its previous value when a CRC check fails,
/// which would make a sick sensor look healthy, so the bytes it reads pass through a
/// <see cref="ReadRecordingI2cDevice"/> and the CRC is checked again here.
/// </summary>
public sealed class Sht3xClimateReader : ICabinetClimateReader
{
    private readonly ReadRecordingI2cDevice _bus;
    private readonly Sht3x _sensor;

    /// <summary>Takes ownership of <paramref name="device"/>; the constructor soft-resets the sensor (I/O).</summary>
    public Sht3xClimateReader(I2cDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _bus = new ReadRecordingI2cDevice(device);
        Description = FormattableString.Invariant(
            $"sht3x on I2C bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}");
        try
        {
            _sensor = new Sht3x(_bus);
        }
        catch
        {
            _bus.Dispose();
            throw;
        }
    }

    public string Description { get; }

    public CabinetClimateSample Read()
    {
        // Each property of the binding runs its own measurement; check the CRC after each.
        var temperature = _sensor.Temperature.DegreesCelsius;
        CheckCrc();
        var humidity = _sensor.Humidity.Percent;
        CheckCrc();
        return ClimatePlausibility.Check(Description, temperature, humidity);
    }

    public void Dispose() => _sensor.Dispose();

    private void CheckCrc()
    {
        var frame = _bus.LastRead;
        if (frame.Length != 6 || Sht3xCrc.Compute(frame.AsSpan(0, 2)) != frame[2] || Sht3xCrc.Compute(frame.AsSpan(3, 2)) != frame[5])
        {
            throw new InvalidDataException($"{Description}: measurement failed its CRC check ({Convert.ToHexString(frame)})");
        }
    }
}
