using SmartCustoms.Drivers.Modbus.Devices;

namespace SmartCustoms.Drivers.Modbus.BeltScale;

/// <summary>Settings of the belt scale, section <c>Devices:BeltScale</c>.</summary>
public sealed class ModbusBeltScaleOptions : ModbusDeviceOptions
{
    public const string SectionName = "Devices:BeltScale";

    public ModbusBeltScaleOptions()
        : base(1503)
    {
    }

    public override string SectionPath => SectionName;

    public override string DeviceName => "scale";
}
