using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Modbus;

/// <summary>
/// A read-only Modbus device that reads the world: input registers only (no discrete inputs, no holding
/// registers: writes are refused with IllegalDataAddress), computed afresh for each read from the lane time,
/// with a heartbeat register that the <c>stuck-heartbeat</c> fault freezes. Subclasses fill the register map.
/// Thread-safe as long as <see cref="FillInputRegisters"/> is (the subclasses' are pure functions of the lane time).
/// </summary>
public abstract class InputRegisterDataModel : IModbusDataModel
{
    private readonly DeviceFaultInjector _faults;
    private readonly HeartbeatRegister _heartbeat = new();

    protected InputRegisterDataModel(LaneWorld world, LaneClock clock, DeviceFaultInjector faults, int inputRegisterCount)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRegisterCount, 1);
        World = world;
        Clock = clock;
        _faults = faults;
        InputRegisterCount = inputRegisterCount;
    }

    public int DiscreteInputCount => 0;

    public int InputRegisterCount { get; }

    public int HoldingRegisterCount => 0;

    protected LaneWorld World { get; }

    protected LaneClock Clock { get; }

    public void ReadDiscreteInputs(int start, Span<bool> destination)
    {
    }

    public void ReadInputRegisters(int start, Span<ushort> destination)
    {
        // The whole map at one lane time, so registers read together are consistent with each other.
        Span<ushort> all = stackalloc ushort[InputRegisterCount];
        double now = Clock.ElapsedSeconds;
        FillInputRegisters(all, now, _heartbeat.Read(now, _faults.IsActive(DeviceFaultKind.StuckHeartbeat)));
        all.Slice(start, destination.Length).CopyTo(destination);
    }

    public void ReadHoldingRegisters(int start, Span<ushort> destination)
    {
    }

    public ModbusExceptionCode WriteHoldingRegisters(int start, ReadOnlySpan<ushort> values) => ModbusExceptionCode.IllegalDataAddress;

    /// <summary>Writes the whole input register map (<paramref name="all"/>) as the device shows it at lane time <paramref name="now"/>, heartbeat included.</summary>
    protected abstract void FillInputRegisters(Span<ushort> all, double now, ushort heartbeat);
}
