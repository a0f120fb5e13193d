using SmartCustoms.Drivers.Modbus.Devices;

namespace SmartCustoms.Drivers.Modbus.Sampler;

/// <summary>Settings of the sampler PLC, section <c>Devices:Sampler</c>.</summary>
public sealed class ModbusSamplerOptions : ModbusDeviceOptions
{
    public const string SectionName = "Devices:Sampler";

    public ModbusSamplerOptions()
        : base(1502)
    {
    }

    public override string SectionPath => SectionName;

    public override string DeviceName => "sampler";

    /// <summary>Longest wait for the PLC to echo a command's sequence (the acknowledge).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the acknowledge register is read while waiting for it.</summary>
    public TimeSpan AckPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
