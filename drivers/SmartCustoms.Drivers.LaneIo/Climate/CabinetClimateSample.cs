namespace SmartCustoms.Drivers.LaneIo.Climate;

/// <summary>A raw sensor result before the lane I/O stamps it.</summary>
public readonly record struct CabinetClimateSample(double TemperatureCelsius, double RelativeHumidityPercent);
