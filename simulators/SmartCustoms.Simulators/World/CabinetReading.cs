namespace SmartCustoms.Simulators.World;

/// <summary>Air in the lane's electrical cabinet at one moment: temperature, °C, and relative humidity, % (0–100).</summary>
public sealed record CabinetReading(double TemperatureC, double RelativeHumidityPct);
