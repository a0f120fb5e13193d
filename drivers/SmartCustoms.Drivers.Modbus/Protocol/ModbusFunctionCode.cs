namespace SmartCustoms.Drivers.Modbus.Protocol;

/// <summary>The Modbus function codes this client speaks (Modbus Application Protocol v1.1b3, §6).</summary>
#pragma warning disable CA1028 // The wire value is one byte; the enum mirrors it.
public enum ModbusFunctionCode : byte
#pragma warning restore CA1028
{
    ReadDiscreteInputs = 0x02,
    ReadHoldingRegisters = 0x03,
    ReadInputRegisters = 0x04,
    WriteSingleRegister = 0x06,
    WriteMultipleRegisters = 0x10,
}
