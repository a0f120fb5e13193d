namespace SmartCustoms.Simulators.Modbus;

/// <summary>Scaling of physical values into registers: rounded, clamped to the register's range (a real device saturates, it does not wrap).</summary>
public static class RegisterMath
{
    public static ushort ToUInt16(double value) => double.IsNaN(value) ? (ushort)0 : (ushort)Math.Clamp(Math.Round(value), 0, ushort.MaxValue);

    public static uint ToUInt32(double value) => double.IsNaN(value) ? 0u : (uint)Math.Clamp(Math.Round(value), 0, uint.MaxValue);

    /// <summary>Writes a uint32 into two registers, high word first (the contract's order).</summary>
    public static void WriteUInt32(Span<ushort> registers, int offset, uint value)
    {
        registers[offset] = (ushort)(value >> 16);
        registers[offset + 1] = (ushort)(value & 0xFFFF);
    }
}
