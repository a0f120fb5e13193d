using SmartCustoms.Drivers.Abstractions;

namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>The connection was refused, reset or closed by the device. Drivers mark the device down at once.</summary>
public sealed class ModbusConnectionException : DeviceException
{
    public ModbusConnectionException()
    {
    }

    public ModbusConnectionException(string message)
        : base(message)
    {
    }

    public ModbusConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
