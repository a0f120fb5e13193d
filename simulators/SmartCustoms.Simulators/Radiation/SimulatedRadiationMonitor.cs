using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Radiation;

/// <summary>
/// A pass-through gamma monitor above the belt at the world's radiation position. True dose rate =
/// background + every source near the monitor, each D·h²/(h² + x²) (inverse square over its passage,
/// x = distance along the belt, h = detector height). The reading counts photons: every 100 ms tick a
/// Poisson draw of counts over the integration window, so the noise shrinks with the square root of the
/// rate as on a real detector. Alarm state: the highest level reached in the last hold time (warning at
/// background × WarningRatio, alarm at × AlarmRatio). Deterministic for a seed; thread-safe.
/// </summary>
public sealed class SimulatedRadiationMonitor : InputRegisterDataModel
{
    private const int CountSalt = 505;
    private const double SourceReachM = 40;

    public SimulatedRadiationMonitor(LaneWorld world, LaneClock clock, DeviceFaultInjector faults, RadiationMonitorOptions? options = null)
        : base(world, clock, faults, RadiationRegisters.InputCount)
    {
        Options = options ?? new RadiationMonitorOptions();
    }

    public RadiationMonitorOptions Options { get; }


    /// <summary>The true (noise-free) dose rate at the monitor at a lane time, nSv/h.</summary>
    public double TrueDoseRate(double timeS)
    {
        double h2 = Options.DetectorHeightM * Options.DetectorHeightM;
        double s = World.BeltTravelAt(timeS) - World.Devices.RadiationM;
        double dose = Options.BackgroundNSvH;
        foreach (var source in World.SourcesBetween(s - SourceReachM, s + SourceReachM))
        {
            double x = s - source.BeltCoordinateM;
            double r2 = h2 + (x * x) + (source.AcrossOffsetM * source.AcrossOffsetM);
            dose += source.DoseRateAtMonitorNSvH * h2 / r2;
        }

        return dose;
    }

    /// <summary>The measured dose rate of the 100 ms tick containing <paramref name="timeS"/>, nSv/h.</summary>
    public double ReadingAt(double timeS) => ReadingOfTick((long)Math.Floor(Math.Max(0, timeS) / HeartbeatRegister.PeriodSeconds));

    public RadiationAlarmState AlarmStateAt(double timeS)
    {
        long tick = (long)Math.Floor(Math.Max(0, timeS) / HeartbeatRegister.PeriodSeconds);
        long holdTicks = (long)Math.Ceiling(Options.AlarmHoldSeconds / HeartbeatRegister.PeriodSeconds);
        double peak = 0;
        for (long k = Math.Max(0, tick - holdTicks); k <= tick; k++)
        {
            peak = Math.Max(peak, ReadingOfTick(k));
        }

        double bg = Options.BackgroundNSvH;
        return peak >= bg * Options.AlarmRatio ? RadiationAlarmState.Alarm
            : peak >= bg * Options.WarningRatio ? RadiationAlarmState.Warning
            : RadiationAlarmState.Normal;
    }

    protected override void FillInputRegisters(Span<ushort> all, double now, ushort heartbeat)
    {
        RegisterMath.WriteUInt32(all, RadiationRegisters.DoseRateHigh, RegisterMath.ToUInt32(ReadingAt(now)));
        all[RadiationRegisters.Background] = RegisterMath.ToUInt16(Options.BackgroundNSvH);
        all[RadiationRegisters.AlarmState] = (ushort)AlarmStateAt(now);
        all[RadiationRegisters.Heartbeat] = heartbeat;
        all[RadiationRegisters.DetectorStatus] = 0;
    }

    private double ReadingOfTick(long tick)
    {
        // Counts over the integration window ending at this tick, from the mean dose over the window.
        double end = (tick + 1) * HeartbeatRegister.PeriodSeconds;
        double begin = end - Options.IntegrationSeconds;
        double mean = 0.5 * (TrueDoseRate(Math.Max(0, begin)) + TrueDoseRate(end));
        double mid = TrueDoseRate(Math.Max(0, (begin + end) / 2));
        mean = (mean + (2 * mid)) / 3;
        double k = Options.CountsPerSecondPerNSvH * Options.IntegrationSeconds;
        var rng = SimRandom.Create(World.Seed, CountSalt, tick);
        return rng.Poisson(mean * k) / k;
    }
}
