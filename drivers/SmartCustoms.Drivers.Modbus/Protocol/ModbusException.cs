using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>
/// The device answered with a Modbus exception response (function code | 0x80 and an exception code).
/// The link itself is fine: the framing was valid and the connection stays open.
/// </summary>
public sealed class ModbusException : DeviceException
{
    public ModbusException()
    {
    }

    public ModbusException(string message)
        : base(message)
    {
    }

    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModbusException(ModbusFunctionCode function, ModbusExceptionCode code, string? device = null)
        : base(BuildMessage(function, code, device))
    {
        Function = function;
        Code = code;
    }

    public ModbusFunctionCode Function { get; }

    public ModbusExceptionCode Code { get; }

    /// <summary>The code's name as the specification writes it, e.g. <c>ILLEGAL DATA ADDRESS</c>.</summary>
    public string CodeName => ModbusNames.Describe(Code);

    /// <summary>The same exception with the device named in the message.</summary>
    public ModbusException ForDevice(string device) => new(Function, Code, device);

    private static string BuildMessage(ModbusFunctionCode function, ModbusExceptionCode code, string? device)
    {
        var prefix = string.IsNullOrEmpty(device) ? string.Empty : device + ": ";
        return $"{prefix}Modbus exception {(byte)code} ({ModbusNames.Describe(code)}) in reply to {ModbusNames.Describe(function)}";
    }
}
