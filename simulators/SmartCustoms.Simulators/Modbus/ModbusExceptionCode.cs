namespace SmartCustoms.Simulators.Modbus;

/// <summary>Modbus exception codes (Modbus Application Protocol v1.1b3, §7) the simulators send.</summary>
public enum ModbusExceptionCode : byte
{
    None = 0,
    IllegalFunction = 0x01,
    IllegalDataAddress = 0x02,
    IllegalDataValue = 0x03,
    ServerDeviceFailure = 0x04,
    GatewayTargetFailedToRespond = 0x0B,
}
