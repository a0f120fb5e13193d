using SmartCustoms.Drivers.Modbus.Devices;

namespace SmartCustoms.Drivers.Modbus.Radiation;

/// <summary>Settings of the radiation monitor, section <c>Devices:Radiation</c>.</summary>
public sealed class ModbusRadiationMonitorOptions : ModbusDeviceOptions
{
    public const string SectionName = "Devices:Radiation";

    public ModbusRadiationMonitorOptions()
        : base(1504)
    {
    }

    public override string SectionPath => SectionName;

    public override string DeviceName => "radiation";
}
