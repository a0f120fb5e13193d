namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>Exception codes a Modbus server may answer with (Modbus Application Protocol v1.1b3, §7).</summary>
#pragma warning disable CA1028 // The wire value is one byte; the enum mirrors it.
public enum ModbusExceptionCode : byte
#pragma warning restore CA1028
{
    IllegalFunction = 0x01,
    IllegalDataAddress = 0x02,
    IllegalDataValue = 0x03,
    ServerDeviceFailure = 0x04,
    Acknowledge = 0x05,
    ServerDeviceBusy = 0x06,
    MemoryParityError = 0x08,
    GatewayPathUnavailable = 0x0A,
    GatewayTargetDeviceFailedToRespond = 0x0B,
}
