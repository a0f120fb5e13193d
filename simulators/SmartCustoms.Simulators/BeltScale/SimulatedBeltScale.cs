using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.BeltScale;

/// <summary>
/// A belt weightometer reading the world: flow (with a little load-cell noise, updated every 100 ms),
/// the totaliser (exact integral of the flow: the belt's loading is constant, so mass = loading × belt
/// travel), belt speed and status. Input registers only. Thread-safe (stateless apart from the heartbeat).
/// </summary>
public sealed class SimulatedBeltScale : InputRegisterDataModel
{
    private const int NoiseSalt = 404;

    public SimulatedBeltScale(LaneWorld world, LaneClock clock, DeviceFaultInjector faults, BeltScaleSimulatorOptions? options = null)
        : base(world, clock, faults, BeltScaleRegisters.InputCount)
    {
        Options = options ?? new BeltScaleSimulatorOptions();
    }

    public BeltScaleSimulatorOptions Options { get; }

    /// <summary>The flow reading at a lane time, t/h (noise is a function of the 100 ms tick: deterministic for a seed).</summary>
    public double FlowReadingTph(double timeS)
    {
        double flow = World.FlowAt(timeS);
        if (flow <= 0)
        {
            return 0;
        }

        long tick = (long)Math.Floor(timeS / HeartbeatRegister.PeriodSeconds);
        var rng = SimRandom.Create(World.Seed, NoiseSalt, tick);
        return Math.Max(0, flow * (1 + rng.Gaussian(0, Options.FlowNoiseFraction)));
    }

    /// <summary>Tonnes carried past the scale since lane start.</summary>
    public double TotalisedTonnes(double timeS)
    {
        var belt = World.Belt;
        return belt.NominalSpeedMps <= 0 ? 0 : belt.NominalFlowTph / belt.NominalSpeedMps * World.BeltTravelAt(timeS) / 3600.0;
    }

    protected override void FillInputRegisters(Span<ushort> all, double now, ushort heartbeat)
    {
        double speed = World.Profile.SpeedAt(now);
        RegisterMath.WriteUInt32(all, BeltScaleRegisters.FlowHigh, RegisterMath.ToUInt32(FlowReadingTph(now) * 10));
        RegisterMath.WriteUInt32(all, BeltScaleRegisters.TotaliserHigh, RegisterMath.ToUInt32(Math.Floor(TotalisedTonnes(now) * 10)));
        all[BeltScaleRegisters.SpeedMmPerS] = RegisterMath.ToUInt16(speed * 1000);
        all[BeltScaleRegisters.Status] = speed >= Options.RunningMinSpeedMps ? BeltScaleRegisters.StatusRunning : (ushort)0;
        all[BeltScaleRegisters.Heartbeat] = heartbeat;
    }
}
