using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.BeltScale;

/// <summary>
/// A belt weightometer reading the world: flow (with a little load-cell noise, updated every 100 ms),
/// the totaliser (exact integral of the flow: the belt's loading is constant, so mass = loading × belt
/// travel), belt speed and status. Input registers only. Thread-safe (stateless apart from the heartbeat).
/// </summary>
public sealed class SimulatedBeltScale : IModbusDataModel
{
    private const int NoiseSalt = 404;

    private readonly LaneWorld _world;
    private readonly LaneClock _clock;
    private readonly DeviceFaultInjector _faults;
    private readonly HeartbeatRegister _heartbeat = new();

    public SimulatedBeltScale(LaneWorld world, LaneClock clock, DeviceFaultInjector faults, BeltScaleSimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(faults);
        _world = world;
        _clock = clock;
        _faults = faults;
        Options = options ?? new BeltScaleSimulatorOptions();
    }

    public BeltScaleSimulatorOptions Options { get; }

    public int DiscreteInputCount => 0;

    public int InputRegisterCount => BeltScaleRegisters.InputCount;

    public int HoldingRegisterCount => 0;

    /// <summary>The flow reading at a lane time, t/h (noise is a function of the 100 ms tick: deterministic for a seed).</summary>
    public double FlowReadingTph(double timeS)
    {
        double flow = _world.FlowAt(timeS);
        if (flow <= 0)
        {
            return 0;
        }

        long tick = (long)Math.Floor(timeS / HeartbeatRegister.PeriodSeconds);
        var rng = SimRandom.Create(_world.Seed, NoiseSalt, tick);
        return Math.Max(0, flow * (1 + rng.Gaussian(0, Options.FlowNoiseFraction)));
    }

    /// <summary>Tonnes carried past the scale since lane start.</summary>
    public double TotalisedTonnes(double timeS)
    {
        var belt = _world.Belt;
        return belt.NominalSpeedMps <= 0 ? 0 : belt.NominalFlowTph / belt.NominalSpeedMps * _world.BeltTravelAt(timeS) / 3600.0;
    }

    public void ReadDiscreteInputs(int start, Span<bool> destination)
    {
    }

    public void ReadInputRegisters(int start, Span<ushort> destination)
    {
        Span<ushort> all = stackalloc ushort[BeltScaleRegisters.InputCount];
        double now = _clock.ElapsedSeconds;
        double speed = _world.Profile.SpeedAt(now);
        RegisterMath.WriteUInt32(all, BeltScaleRegisters.FlowHigh, RegisterMath.ToUInt32(FlowReadingTph(now) * 10));
        RegisterMath.WriteUInt32(all, BeltScaleRegisters.TotaliserHigh, RegisterMath.ToUInt32(Math.Floor(TotalisedTonnes(now) * 10)));
        all[BeltScaleRegisters.SpeedMmPerS] = RegisterMath.ToUInt16(speed * 1000);
        all[BeltScaleRegisters.Status] = speed >= Options.RunningMinSpeedMps ? BeltScaleRegisters.StatusRunning : (ushort)0;
        all[BeltScaleRegisters.Heartbeat] = _heartbeat.Read(now, _faults.IsActive(DeviceFaultKind.StuckHeartbeat));
        all.Slice(start, destination.Length).CopyTo(destination);
    }

    public void ReadHoldingRegisters(int start, Span<ushort> destination)
    {
    }

    public ModbusExceptionCode WriteHoldingRegisters(int start, ReadOnlySpan<ushort> values) => ModbusExceptionCode.IllegalDataAddress;
}
