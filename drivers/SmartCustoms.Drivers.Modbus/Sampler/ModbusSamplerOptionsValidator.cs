using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Modbus.Devices;

namespace SmartCustoms.Drivers.Modbus.Sampler;

internal sealed class ModbusSamplerOptionsValidator : IValidateOptions<ModbusSamplerOptions>
{
    public ValidateOptionsResult Validate(string? name, ModbusSamplerOptions options)
    {
        var failures = ModbusDeviceOptionsChecks.Check(options);
        ModbusDeviceOptionsChecks.Positive(failures, $"{options.SectionPath}:AckTimeout", options.AckTimeout);
        ModbusDeviceOptionsChecks.Positive(failures, $"{options.SectionPath}:AckPollInterval", options.AckPollInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
