using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Modbus.Devices;

namespace SmartCustoms.Drivers.Modbus.BeltScale;

internal sealed class ModbusBeltScaleOptionsValidator : IValidateOptions<ModbusBeltScaleOptions>
{
    public ValidateOptionsResult Validate(string? name, ModbusBeltScaleOptions options)
    {
        var failures = ModbusDeviceOptionsChecks.Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
