namespace SmartCustoms.Simulators.Modbus;

/// <summary>
/// The data a simulated Modbus device exposes: discrete inputs, input registers and holding registers
/// (0-based offsets). <see cref="ModbusRequestProcessor"/> checks function codes, quantities and address
/// ranges against the counts before it calls in, so implementations only see valid ranges.
/// Implementations must be thread-safe: several client connections call in concurrently.
/// </summary>
public interface IModbusDataModel
{
    int DiscreteInputCount { get; }

    int InputRegisterCount { get; }

    int HoldingRegisterCount { get; }

    void ReadDiscreteInputs(int start, Span<bool> destination);

    void ReadInputRegisters(int start, Span<ushort> destination);

    void ReadHoldingRegisters(int start, Span<ushort> destination);

    /// <summary>Writes holding registers; returns <see cref="ModbusExceptionCode.IllegalDataValue"/> for a value the device refuses (nothing is written then).</summary>
    ModbusExceptionCode WriteHoldingRegisters(int start, ReadOnlySpan<ushort> values);
}
