using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Modbus.Devices;

namespace SmartCustoms.Drivers.Modbus.Radiation;

internal sealed class ModbusRadiationMonitorOptionsValidator : IValidateOptions<ModbusRadiationMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, ModbusRadiationMonitorOptions options)
    {
        var failures = ModbusDeviceOptionsChecks.Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
