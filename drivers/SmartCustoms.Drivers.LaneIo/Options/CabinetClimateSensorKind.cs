namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>The supported cabinet climate sensors (Iot.Device.Bindings).</summary>
public enum CabinetClimateSensorKind
{
    Sht3x,
    Bme280,
}
