using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Simulators.BeltScale;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Radiation;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Modbus;

/// <summary>Belt scale and radiation monitor registers from the world (fake clock, no I/O).</summary>
public class BeltScaleAndRadiationTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Belt_scale_reports_flow_speed_totaliser_and_running_from_the_world()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), seed: 2);
        var clock = new LaneClock(_time);
        var scale = new SimulatedBeltScale(world, clock, new DeviceFaultInjector("scale", _time));
        var r = new ushort[BeltScaleRegisters.InputCount];
        scale.ReadInputRegisters(0, r);
        Assert.Equal(0, r[BeltScaleRegisters.Status] & BeltScaleRegisters.StatusRunning);

        _time.Advance(TimeSpan.FromSeconds(3600 + 2)); // 4 s ramp: 1 h at speed minus half the ramp
        scale.ReadInputRegisters(0, r);
        uint flow = ((uint)r[0] << 16) | r[1];
        uint total = ((uint)r[2] << 16) | r[3];
        Assert.InRange(flow, 79_000u, 81_000u); // 8000 t/h ± noise, in 0.1 t/h
        Assert.Equal(80_000u, total);            // exactly 8000.0 t after one hour's worth of travel
        Assert.Equal(5000, r[BeltScaleRegisters.SpeedMmPerS]);
        Assert.Equal(BeltScaleRegisters.StatusRunning, r[BeltScaleRegisters.Status]);
    }

    [Fact]
    public void Radiation_monitor_reads_background_with_poisson_noise()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), seed: 2);
        var monitor = new SimulatedRadiationMonitor(world, new LaneClock(_time), new DeviceFaultInjector("radiation", _time));
        var readings = Enumerable.Range(0, 2000).Select(i => monitor.ReadingAt(i * 0.1)).ToArray();
        double mean = readings.Average();
        double sd = Math.Sqrt(readings.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, 79, 81);

        // 80 nSv/h × 5 cps per nSv/h × 1 s = 400 counts: σ = 20 counts = 4 nSv/h.
        Assert.InRange(sd, 3.5, 4.5);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(RadiationAlarmState.Normal, monitor.AlarmStateAt(i * 1.0)));
    }

    [Fact]
    public void A_passing_source_raises_the_dose_with_an_inverse_square_peak_and_alarms()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Radioactive), seed: 3);
        var monitor = new SimulatedRadiationMonitor(world, new LaneClock(_time), new DeviceFaultInjector("radiation", _time));
        var source = world.SourcesBetween(0, 20_000).First(s => s.DoseRateAtMonitorNSvH > 500);
        double at = world.TimeAtDevice(source.BeltCoordinateM, world.Devices.RadiationM)!.Value;

        double peak = monitor.TrueDoseRate(at);
        Assert.InRange(peak, 80 + (0.8 * source.DoseRateAtMonitorNSvH), 80 + source.DoseRateAtMonitorNSvH + 20);
        Assert.True(monitor.TrueDoseRate(at - 0.2) < peak && monitor.TrueDoseRate(at + 0.2) < peak);
        Assert.InRange(monitor.TrueDoseRate(at + 10), 79, 90); // 50 m away: background again
        Assert.Equal(RadiationAlarmState.Alarm, monitor.AlarmStateAt(at + 0.5));
        Assert.Equal(RadiationAlarmState.Normal, monitor.AlarmStateAt(at + 15));
    }

    [Fact]
    public void The_faults_scenario_schedules_faults_for_every_device()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Faults), seed: 1);
        Assert.Contains(world.ActiveFaults("sampler", 62), f => f.Kind == DeviceFaultKind.Stall);
        Assert.Contains(world.ActiveFaults("scale", 180 + 101), f => f.Kind == DeviceFaultKind.StuckHeartbeat);
        Assert.Contains(world.ActiveFaults("radiation", 132), f => f.Kind == DeviceFaultKind.Disconnect);
        Assert.Contains(world.ActiveFaults("camera", 36), f => f.Kind == DeviceFaultKind.FrozenFrames);
        Assert.Empty(world.ActiveFaults("sampler", 10));
    }
}
