namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>Names of function and exception codes as the specification writes them, for messages.</summary>
public static class ModbusNames
{
    public static bool IsDefined(byte exceptionCode) => exceptionCode is >= 0x01 and <= 0x06 or 0x08 or 0x0A or 0x0B;

    public static string Describe(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.IllegalFunction => "ILLEGAL FUNCTION",
        ModbusExceptionCode.IllegalDataAddress => "ILLEGAL DATA ADDRESS",
        ModbusExceptionCode.IllegalDataValue => "ILLEGAL DATA VALUE",
        ModbusExceptionCode.ServerDeviceFailure => "SERVER DEVICE FAILURE",
        ModbusExceptionCode.Acknowledge => "ACKNOWLEDGE",
        ModbusExceptionCode.ServerDeviceBusy => "SERVER DEVICE BUSY",
        ModbusExceptionCode.MemoryParityError => "MEMORY PARITY ERROR",
        ModbusExceptionCode.GatewayPathUnavailable => "GATEWAY PATH UNAVAILABLE",
        ModbusExceptionCode.GatewayTargetDeviceFailedToRespond => "GATEWAY TARGET DEVICE FAILED TO RESPOND",
        _ => $"UNDEFINED (0x{(byte)code:X2})",
    };

    public static string Describe(ModbusFunctionCode function) => function switch
    {
        ModbusFunctionCode.ReadDiscreteInputs => "FC02 read discrete inputs",
        ModbusFunctionCode.ReadHoldingRegisters => "FC03 read holding registers",
        ModbusFunctionCode.ReadInputRegisters => "FC04 read input registers",
        ModbusFunctionCode.WriteSingleRegister => "FC06 write single register",
        ModbusFunctionCode.WriteMultipleRegisters => "FC16 write multiple registers",
        _ => $"function 0x{(byte)function:X2}",
    };
}
