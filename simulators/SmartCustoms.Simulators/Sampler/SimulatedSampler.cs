using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Sampler;

/// <summary>
/// The sampler PLC: a cross-stream cutter state machine on lane time, behind the contract's register map.
/// <para>
/// Handshake: a write that touches holding register 1 (the command sequence) is when the PLC looks at the
/// command. If the sequence differs from the last accepted one and holding 0 holds a command (1–5), it is
/// accepted (input 1 = the sequence) and carried out with the increment id in holding 2–3 as they stand
/// after that write. So write regs 0–3 in one FC16, or write 2–3 (and 0) first and the sequence last.
/// A command that cannot be carried out now is still accepted, and input 10 says why it was refused.
/// </para>
/// <para>
/// Cycle (take increment): approach, in the stream for <see cref="SamplerSimulatorOptions.InStreamSeconds"/>,
/// return; the increment counts, mass, id and bin fill update when the cutter leaves the stream. The
/// mass is m = q·b/(3.6·v_c) with the world's flow q during the cut, and the world's ledger records which
/// items fell through the opening. The state advances lazily from lane time on every access, so results
/// do not depend on how often anyone polls. Thread-safe.
/// </para>
/// </summary>
public sealed class SimulatedSampler : IModbusDataModel
{
    private readonly Lock _gate = new();
    private readonly LaneWorld _world;
    private readonly LaneClock _clock;
    private readonly DeviceFaultInjector _faults;
    private readonly HeartbeatRegister _heartbeat = new();
    private readonly ushort[] _holding = new ushort[SamplerRegisters.HoldingCount];

    private SamplerState _motion = SamplerState.Idle;
    private double _cycleStartS;
    private double _homingUntilS;
    private bool _home = true;
    private uint _pendingId;
    private ushort _pendingSequence;
    private SamplerFaultCode _fault;
    private SamplerCommandResult _lastResult;
    private ushort _lastAcceptedSequence;
    private uint _completed;
    private double _lastMassKg;
    private uint _lastIncrementId;
    private double _binKg;

    public SimulatedSampler(LaneWorld world, LaneClock clock, DeviceFaultInjector faults, SamplerSimulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(faults);
        _world = world;
        _clock = clock;
        _faults = faults;
        Options = options ?? new SamplerSimulatorOptions();
    }

    public SamplerSimulatorOptions Options { get; }

    public int DiscreteInputCount => SamplerRegisters.DiscreteCount;

    public int InputRegisterCount => SamplerRegisters.InputCount;

    public int HoldingRegisterCount => SamplerRegisters.HoldingCount;

    /// <summary>The state as input register 0 shows it now.</summary>
    public SamplerState State
    {
        get
        {
            lock (_gate)
            {
                Advance(_clock.ElapsedSeconds);
                return StateNow();
            }
        }
    }

    public uint IncrementsCompleted
    {
        get
        {
            lock (_gate)
            {
                Advance(_clock.ElapsedSeconds);
                return _completed;
            }
        }
    }

    public double BinFillPct
    {
        get
        {
            lock (_gate)
            {
                Advance(_clock.ElapsedSeconds);
                return FillPct();
            }
        }
    }

    /// <summary>Brings the state machine up to lane time now (records a finished cut in the world's ledger).</summary>
    public void Update()
    {
        lock (_gate)
        {
            Advance(_clock.ElapsedSeconds);
        }
    }

    public void ReadDiscreteInputs(int start, Span<bool> destination)
    {
        Span<bool> all = stackalloc bool[SamplerRegisters.DiscreteCount];
        lock (_gate)
        {
            double now = _clock.ElapsedSeconds;
            Advance(now);
            all[SamplerRegisters.Ready] = RefusalFor(now) is null;
            all[SamplerRegisters.CutterHome] = _home;
            all[SamplerRegisters.BinFull] = FillPct() >= 100;
            all[SamplerRegisters.BeltInterlockOk] = InterlockOk(now);
        }

        all.Slice(start, destination.Length).CopyTo(destination);
    }

    public void ReadInputRegisters(int start, Span<ushort> destination)
    {
        Span<ushort> all = stackalloc ushort[SamplerRegisters.InputCount];
        lock (_gate)
        {
            double now = _clock.ElapsedSeconds;
            Advance(now);
            all[SamplerRegisters.State] = (ushort)StateNow();
            all[SamplerRegisters.LastAcceptedSequence] = _lastAcceptedSequence;
            RegisterMath.WriteUInt32(all, SamplerRegisters.IncrementsCompletedHigh, _completed);
            all[SamplerRegisters.FaultCode] = (ushort)_fault;
            all[SamplerRegisters.LastIncrementMass] = RegisterMath.ToUInt16(_lastMassKg * 10);
            RegisterMath.WriteUInt32(all, SamplerRegisters.LastIncrementIdHigh, _lastIncrementId);
            all[SamplerRegisters.BinFillPct] = RegisterMath.ToUInt16(Math.Min(100, FillPct()));
            all[SamplerRegisters.Heartbeat] = _heartbeat.Read(now, _faults.IsActive(DeviceFaultKind.StuckHeartbeat));
            all[SamplerRegisters.LastCommandResult] = (ushort)_lastResult;
        }

        all.Slice(start, destination.Length).CopyTo(destination);
    }

    public void ReadHoldingRegisters(int start, Span<ushort> destination)
    {
        lock (_gate)
        {
            _holding.AsSpan(start, destination.Length).CopyTo(destination);
        }
    }

    public ModbusExceptionCode WriteHoldingRegisters(int start, ReadOnlySpan<ushort> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int reg = start + i;
            if ((reg == SamplerRegisters.Command && values[i] > (ushort)SamplerCommand.BinEmptied)
                || (reg == SamplerRegisters.LocalMode && values[i] > 1))
            {
                return ModbusExceptionCode.IllegalDataValue;
            }
        }

        lock (_gate)
        {
            double now = _clock.ElapsedSeconds;
            Advance(now);
            values.CopyTo(_holding.AsSpan(start));
            bool touchesSequence = start <= SamplerRegisters.CommandSequence && start + values.Length > SamplerRegisters.CommandSequence;
            var command = (SamplerCommand)_holding[SamplerRegisters.Command];
            ushort sequence = _holding[SamplerRegisters.CommandSequence];
            if (touchesSequence && command != SamplerCommand.None && sequence != _lastAcceptedSequence)
            {
                _lastAcceptedSequence = sequence;
                _lastResult = Execute(command, sequence, now);
            }
        }

        return ModbusExceptionCode.None;
    }

    private SamplerCommandResult Execute(SamplerCommand command, ushort sequence, double now)
    {
        switch (command)
        {
            case SamplerCommand.TakeIncrement:
                var refusal = RefusalFor(now);
                if (refusal is { } r)
                {
                    return r;
                }

                _motion = SamplerState.Cutting;
                _cycleStartS = now;
                _home = false;
                _pendingSequence = sequence;
                _pendingId = ((uint)_holding[SamplerRegisters.IncrementIdHigh] << 16) | _holding[SamplerRegisters.IncrementIdLow];
                return SamplerCommandResult.Done;
            case SamplerCommand.ResetFault:
                _fault = SamplerFaultCode.None;
                return SamplerCommandResult.Done;
            case SamplerCommand.Home:
                if (_fault != SamplerFaultCode.None)
                {
                    return SamplerCommandResult.RefusedFault;
                }

                if (_motion != SamplerState.Idle)
                {
                    return SamplerCommandResult.RefusedBusy;
                }

                if (!_home)
                {
                    _motion = SamplerState.Returning;
                    _homingUntilS = now + Options.ReturnSeconds;
                }

                return SamplerCommandResult.Done;
            case SamplerCommand.Stop:
                if (_motion != SamplerState.Idle)
                {
                    // The cutter halts where it is; a cut aborted before leaving the stream yields no increment.
                    _motion = SamplerState.Idle;
                    _fault = SamplerFaultCode.StoppedOutOfHome;
                }

                return SamplerCommandResult.Done;
            case SamplerCommand.BinEmptied:
                if (_motion != SamplerState.Idle)
                {
                    return SamplerCommandResult.RefusedBusy;
                }

                _binKg = 0;
                return SamplerCommandResult.Done;
            default:
                return SamplerCommandResult.Done;
        }
    }

    private SamplerCommandResult? RefusalFor(double now)
    {
        if (_holding[SamplerRegisters.LocalMode] == 1)
        {
            return SamplerCommandResult.RefusedLocalMode;
        }

        if (_fault != SamplerFaultCode.None)
        {
            return SamplerCommandResult.RefusedFault;
        }

        if (_motion != SamplerState.Idle)
        {
            return SamplerCommandResult.RefusedBusy;
        }

        if (!_home)
        {
            return SamplerCommandResult.RefusedNotHome;
        }

        if (FillPct() >= 100)
        {
            return SamplerCommandResult.RefusedBinFull;
        }

        return InterlockOk(now) ? null : SamplerCommandResult.RefusedBeltInterlock;
    }

    private void Advance(double now)
    {
        var o = Options;
        if (_motion == SamplerState.Cutting)
        {
            double inFrom = _cycleStartS + o.ApproachSeconds;
            double inTo = inFrom + o.InStreamSeconds;
            if (now >= inTo)
            {
                RecordCut(inFrom, inTo);
                _motion = SamplerState.Returning;
                _homingUntilS = inTo + o.ReturnSeconds;
            }
        }

        if (_motion == SamplerState.Returning && now >= _homingUntilS)
        {
            _motion = SamplerState.Idle;
            _home = true;
        }
    }

    private void RecordCut(double inFrom, double inTo)
    {
        var o = Options;

        // m = q·b/(3.6·v_c): the flow averaged over the time in the stream.
        double q = (_world.FlowAt(inFrom) + _world.FlowAt((inFrom + inTo) / 2) + _world.FlowAt(inTo)) / 3;
        double massKg = q * o.CutterOpeningM / (3.6 * o.CutterSpeedMps);
        var (fromM, toM) = _world.CutterWindow(inFrom, inTo, o.CutterOpeningM);
        var items = _world.ItemsOverlapping(fromM, toM);
        _completed++;
        _lastMassKg = massKg;
        _lastIncrementId = _pendingId;
        _binKg += massKg;
        _world.Increments.Add(new SamplerIncrement(
            (int)_completed, _pendingId, _pendingSequence, _cycleStartS, inFrom, inTo, massKg, fromM, toM, [.. items.Select(i => i.Id)]));
    }

    private SamplerState StateNow()
    {
        if (_holding[SamplerRegisters.LocalMode] == 1 && _motion == SamplerState.Idle)
        {
            return SamplerState.LocalMaintenance;
        }

        if (_fault != SamplerFaultCode.None)
        {
            return SamplerState.Fault;
        }

        return _motion;
    }

    private bool InterlockOk(double now) => _world.Profile.SpeedAt(now) >= Options.InterlockMinBeltSpeedMps;

    private double FillPct() => Options.BinCapacityKg <= 0 ? 0 : 100 * _binKg / Options.BinCapacityKg;
}
