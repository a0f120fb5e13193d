namespace SmartCustoms.Simulators.Modbus;

/// <summary>The function codes the simulated devices serve.</summary>
public static class ModbusFunction
{
    public const byte ReadDiscreteInputs = 0x02;
    public const byte ReadHoldingRegisters = 0x03;
    public const byte ReadInputRegisters = 0x04;
    public const byte WriteSingleRegister = 0x06;
    public const byte WriteMultipleRegisters = 0x10;

    /// <summary>Set on the function code of an exception response.</summary>
    public const byte ExceptionFlag = 0x80;
}
