using Microsoft.Extensions.Time.Testing;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.Sampler;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Modbus;

/// <summary>The sampler PLC's state machine on a fake clock (no I/O).</summary>
public class SimulatedSamplerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly LaneWorld _world = new(LaneScenarios.Create(LaneScenarios.Contaminated) with { ItemsPerKm = 2000 }, seed: 5);
    private readonly LaneClock _clock;
    private readonly SimulatedSampler _sampler;

    public SimulatedSamplerTests()
    {
        _clock = new LaneClock(_time);
        _sampler = new SimulatedSampler(_world, _clock, new DeviceFaultInjector("sampler", _time));
    }

    private ushort[] Inputs()
    {
        var r = new ushort[SamplerRegisters.InputCount];
        _sampler.ReadInputRegisters(0, r);
        return r;
    }

    private bool[] Discretes()
    {
        var r = new bool[SamplerRegisters.DiscreteCount];
        _sampler.ReadDiscreteInputs(0, r);
        return r;
    }

    private void Command(SamplerCommand command, ushort sequence, uint id = 0) =>
        Assert.Equal(ModbusExceptionCode.None, _sampler.WriteHoldingRegisters(0, [(ushort)command, sequence, (ushort)(id >> 16), (ushort)id]));

    private void RunToSpeed() => _time.Advance(TimeSpan.FromSeconds(10));

    [Fact]
    public void Take_increment_runs_a_one_second_cycle_and_counts_the_cut()
    {
        RunToSpeed();
        Assert.True(Discretes()[SamplerRegisters.Ready]);
        Command(SamplerCommand.TakeIncrement, 7, 0x0001_0002);
        var r = Inputs();
        Assert.Equal((ushort)SamplerState.Cutting, r[SamplerRegisters.State]);
        Assert.Equal(7, r[SamplerRegisters.LastAcceptedSequence]);
        Assert.False(Discretes()[SamplerRegisters.CutterHome]);

        _time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal((ushort)SamplerState.Cutting, Inputs()[SamplerRegisters.State]);
        Assert.Equal(0, Inputs()[SamplerRegisters.IncrementsCompletedHigh + 1]);

        _time.Advance(TimeSpan.FromMilliseconds(150)); // 0.45 s: out of the stream, returning
        r = Inputs();
        Assert.Equal((ushort)SamplerState.Returning, r[SamplerRegisters.State]);
        Assert.Equal(1, r[SamplerRegisters.IncrementsCompletedHigh + 1]);
        Assert.Equal(1, r[SamplerRegisters.LastIncrementIdHigh]);
        Assert.Equal(2, r[SamplerRegisters.LastIncrementIdHigh + 1]);

        // m = q·b/(3.6·v_c) = 8000 · 0.15 / 2.16 = 555.6 kg at nominal flow.
        Assert.Equal(5556, r[SamplerRegisters.LastIncrementMass]);
        Assert.Equal(6, r[SamplerRegisters.BinFillPct]);

        _time.Advance(TimeSpan.FromMilliseconds(600)); // 1.05 s: home again
        Assert.Equal((ushort)SamplerState.Idle, Inputs()[SamplerRegisters.State]);
        Assert.True(Discretes()[SamplerRegisters.CutterHome]);
        Assert.True(Discretes()[SamplerRegisters.Ready]);
    }

    [Fact]
    public void The_cut_records_exactly_the_items_that_passed_the_cutter_while_it_was_in_the_stream()
    {
        RunToSpeed();
        Command(SamplerCommand.TakeIncrement, 1, 42);
        _time.Advance(TimeSpan.FromSeconds(1));
        _sampler.Update(); // the state machine advances on access; nothing has read it since the command
        var increment = Assert.Single(_world.Increments.Snapshot());
        Assert.Equal(42u, increment.IncrementId);
        Assert.Equal(0.25, increment.InStreamToS - increment.InStreamFromS, 6);

        // 0.25 s at 5 m/s plus the 0.15 m opening: 1.40 m of belt.
        Assert.Equal(1.40, increment.BeltToM - increment.BeltFromM, 6);
        double at = _world.BeltTravelAt(increment.InStreamFromS) - _world.Devices.SamplerM;
        Assert.Equal(at - 0.075, increment.BeltFromM, 6);
        var expected = _world.ItemsBetween(increment.BeltFromM - 1, increment.BeltToM + 1)
            .Where(i => i.BeltCoordinateM + (i.SizeM / 2) >= increment.BeltFromM && i.BeltCoordinateM - (i.SizeM / 2) <= increment.BeltToM)
            .Select(i => i.Id);
        Assert.Equal(expected, increment.InterceptedItemIds);
        Assert.NotEmpty(increment.InterceptedItemIds); // 2000 items/km: ~3 per cut
        Assert.Equal(1, _world.Increments.InterceptedBy(increment.InterceptedItemIds[0]));
    }

    [Fact]
    public void Handshake_acts_only_on_a_new_sequence_and_only_when_the_sequence_register_is_written()
    {
        RunToSpeed();
        Assert.Equal(ModbusExceptionCode.None, _sampler.WriteHoldingRegisters(0, [1]));
        Assert.Equal(0, Inputs()[SamplerRegisters.LastAcceptedSequence]);
        Assert.Equal((ushort)SamplerState.Idle, Inputs()[SamplerRegisters.State]);

        Assert.Equal(ModbusExceptionCode.None, _sampler.WriteHoldingRegisters(1, [3])); // sequence last, FC06
        Assert.Equal(3, Inputs()[SamplerRegisters.LastAcceptedSequence]);
        Assert.Equal((ushort)SamplerState.Cutting, Inputs()[SamplerRegisters.State]);
        _time.Advance(TimeSpan.FromSeconds(2));

        Command(SamplerCommand.TakeIncrement, 3); // same sequence again: a repeat, not a new command
        Assert.Equal((ushort)SamplerState.Idle, Inputs()[SamplerRegisters.State]);
        Assert.Equal(1, Inputs()[SamplerRegisters.IncrementsCompletedHigh + 1]);
    }

    [Fact]
    public void A_busy_sampler_accepts_but_refuses_a_second_cut()
    {
        RunToSpeed();
        Command(SamplerCommand.TakeIncrement, 1);
        Command(SamplerCommand.TakeIncrement, 2);
        var r = Inputs();
        Assert.Equal(2, r[SamplerRegisters.LastAcceptedSequence]);
        Assert.Equal((ushort)SamplerCommandResult.RefusedBusy, r[SamplerRegisters.LastCommandResult]);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, Inputs()[SamplerRegisters.IncrementsCompletedHigh + 1]);
    }

    [Fact]
    public void No_cut_on_a_stopped_belt()
    {
        // At lane time 0 the belt has not started: interlock open.
        Assert.False(Discretes()[SamplerRegisters.BeltInterlockOk]);
        Command(SamplerCommand.TakeIncrement, 1);
        Assert.Equal((ushort)SamplerCommandResult.RefusedBeltInterlock, Inputs()[SamplerRegisters.LastCommandResult]);
        Assert.Equal((ushort)SamplerState.Idle, Inputs()[SamplerRegisters.State]);
    }

    [Fact]
    public void Stop_mid_cut_faults_out_of_home_then_reset_and_home_recover()
    {
        RunToSpeed();
        Command(SamplerCommand.TakeIncrement, 1);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Command(SamplerCommand.Stop, 2);
        var r = Inputs();
        Assert.Equal((ushort)SamplerState.Fault, r[SamplerRegisters.State]);
        Assert.Equal((ushort)SamplerFaultCode.StoppedOutOfHome, r[SamplerRegisters.FaultCode]);
        Assert.Equal(0, r[SamplerRegisters.IncrementsCompletedHigh + 1]);
        Assert.Empty(_world.Increments.Snapshot());

        Command(SamplerCommand.TakeIncrement, 3);
        Assert.Equal((ushort)SamplerCommandResult.RefusedFault, Inputs()[SamplerRegisters.LastCommandResult]);
        Command(SamplerCommand.ResetFault, 4);
        Assert.Equal(0, Inputs()[SamplerRegisters.FaultCode]);
        Assert.False(Discretes()[SamplerRegisters.Ready]); // not home yet
        Command(SamplerCommand.Home, 5);
        Assert.Equal((ushort)SamplerState.Returning, Inputs()[SamplerRegisters.State]);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(Discretes()[SamplerRegisters.Ready]);
    }

    [Fact]
    public void The_bin_fills_refuses_cuts_when_full_and_empties_on_command()
    {
        RunToSpeed();
        for (ushort seq = 1; seq <= 19; seq++)
        {
            Command(SamplerCommand.TakeIncrement, seq);
            _time.Advance(TimeSpan.FromSeconds(1.1));
        }

        Assert.True(Discretes()[SamplerRegisters.BinFull]); // 19 × 555.6 kg ≥ 10 t (18 cuts are 9,999.99 kg)
        Assert.Equal(100, Inputs()[SamplerRegisters.BinFillPct]);
        Command(SamplerCommand.TakeIncrement, 100);
        Assert.Equal((ushort)SamplerCommandResult.RefusedBinFull, Inputs()[SamplerRegisters.LastCommandResult]);
        Command(SamplerCommand.BinEmptied, 101);
        Assert.Equal(0, Inputs()[SamplerRegisters.BinFillPct]);
    }

    [Fact]
    public void An_unknown_command_value_is_an_illegal_data_value_and_changes_nothing()
    {
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, _sampler.WriteHoldingRegisters(0, [9, 1]));
        var h = new ushort[2];
        _sampler.ReadHoldingRegisters(0, h);
        Assert.Equal(new ushort[] { 0, 0 }, h);
    }

    [Fact]
    public void Heartbeat_counts_every_100_ms_and_freezes_while_stuck()
    {
        var faults = new DeviceFaultInjector("sampler", _time);
        var sampler = new SimulatedSampler(_world, _clock, faults);
        var r = new ushort[1];
        _time.Advance(TimeSpan.FromMilliseconds(1050));
        sampler.ReadInputRegisters(SamplerRegisters.Heartbeat, r);
        Assert.Equal(10, r[0]);
        faults.Inject(DeviceFaultKind.StuckHeartbeat, TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        sampler.ReadInputRegisters(SamplerRegisters.Heartbeat, r);
        Assert.Equal(10, r[0]);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        sampler.ReadInputRegisters(SamplerRegisters.Heartbeat, r);
        Assert.Equal(21, r[0]);
    }
}
