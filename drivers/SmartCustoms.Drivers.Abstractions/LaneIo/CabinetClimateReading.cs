namespace SmartCustoms.Drivers.Abstractions.LaneIo;

/// <summary>One reading of the lane cabinet's climate sensor.</summary>
/// <param name="TemperatureCelsius">Air temperature in the cabinet, °C.</param>
/// <param name="RelativeHumidityPercent">Relative humidity in the cabinet, % (0–100).</param>
/// <param name="Sensor">What produced it, e.g. <c>sht3x on I2C bus 1 address 0x44</c>.</param>
/// <param name="HostTime">Wall-clock time of the read (for display and records).</param>
/// <param name="HostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> of the read (for ordering).</param>
public sealed record CabinetClimateReading(
    double TemperatureCelsius,
    double RelativeHumidityPercent,
    string Sensor,
    DateTimeOffset HostTime,
    long HostTimestamp);
