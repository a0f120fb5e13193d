using System.Globalization;
using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Segments;

namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>
/// Drives the sampler: the lot's ISO 3082 plan as tonnage/time advance, triggered cuts timed for the moment
/// a suspect segment's hotspot reaches the cutter (re-predicted on every tick as the belt speed changes), and
/// manual requests. Refuses with a reason when the cut cannot be made (too late, e-stop, sampler not ready
/// or busy); records every increment and publishes each change as an <c>increment</c> event.
/// Not thread-safe: the lane core serialises calls.
/// </summary>
public sealed class SamplingPlanner
{
    private const int MaxKept = 2_000;

    private readonly SamplingOptions _options;
    private readonly BeltTracker _belt;
    private readonly TimeProvider _time;
    private readonly LaneEventLog _events;
    private readonly Dictionary<uint, IncrementRecord> _increments = [];
    private readonly List<uint> _pending = [];
    private readonly List<TakeIncrementCommand> _commands = [];
    private readonly Dictionary<uint, long> _ackDeadlines = [];
    private SamplingSchedule? _schedule;
    private double _nextPoint = double.PositiveInfinity;
    private string? _lotId;
    private long _busyUntil = long.MinValue;
    private double _flowTonnesPerHour;

    internal SamplingPlanner(SamplingOptions options, BeltTracker belt, TimeProvider time, LaneEventLog events)
    {
        _options = options;
        _belt = belt;
        _time = time;
        _events = events;
    }

    /// <summary>The next increment id (the host may resume numbering from storage).</summary>
    public uint NextId { get; set; } = 1;

    public SamplerStatus Sampler { get; set; } = SamplerStatus.Unknown;

    /// <summary>While true no sampler command is sent; every due increment is refused or missed with that reason.</summary>
    public bool EmergencyStop { get; set; }

    /// <summary>In maintenance: a manual cut may be made without a lot (a technician testing the sampler; its record has no lot).</summary>
    internal bool ManualWithoutLot { get; set; }

    /// <summary>Refuses every increment still planned (not yet commanded) with <paramref name="why"/>; commanded ones run on.</summary>
    internal void CancelPlanned(string why)
    {
        foreach (var id in _pending.ToArray())
        {
            Close(id, IncrementState.Refused, why);
        }
    }

    public SamplingPlan? Plan { get; private set; }

    /// <summary>Called for every refused or missed increment (the lane core raises the missed-increment alarm).</summary>
    internal Action<IncrementRecord>? Problem { get; set; }

    public IReadOnlyCollection<IncrementRecord> Increments => _increments.Values;

    public IncrementRecord? Find(uint id) => _increments.GetValueOrDefault(id);

    /// <summary>The latest flow, t/h (for the increment mass estimate).</summary>
    public void RecordFlow(double tonnesPerHour)
    {
        if (double.IsFinite(tonnesPerHour) && tonnesPerHour >= 0)
        {
            _flowTonnesPerHour = tonnesPerHour;
        }
    }

    public SamplingPlan StartLot(string lotId, double declaredMassTonnes)
    {
        _lotId = lotId;
        Plan = SamplingPlanCalculator.Create(_options, declaredMassTonnes, lotId);
        _schedule = new SamplingSchedule(Plan);
        _nextPoint = _schedule.Next();
        return Plan;
    }

    /// <summary>Stops the plan. Planned scheduled increments are refused; triggered ones still cut their segments.</summary>
    public void EndLot()
    {
        foreach (var id in _pending.ToArray())
        {
            if (_increments[id].Reason == IncrementReason.Scheduled)
            {
                Close(id, IncrementState.Refused, "lot ended before the increment could be taken");
            }
        }

        _lotId = null;
        _schedule = null;
        Plan = null;
        _nextPoint = double.PositiveInfinity;
    }

    /// <summary>Commands to send to the sampler, oldest first.</summary>
    public IReadOnlyList<TakeIncrementCommand> DrainCommands()
    {
        if (_commands.Count == 0)
        {
            return [];
        }

        var drained = _commands.ToArray();
        _commands.Clear();
        return drained;
    }

    /// <summary>
    /// Advances the plan to <paramref name="lotTonnes"/> / <paramref name="lotRunningSeconds"/> and fires or
    /// expires planned increments.
    /// </summary>
    public void Tick(double lotTonnes, double lotRunningSeconds)
    {
        var now = _time.GetTimestamp();
        if (_schedule is not null && Plan is not null && _lotId is not null)
        {
            var progress = Plan.Basis == StratumBasis.Mass ? lotTonnes : lotRunningSeconds;
            while (progress >= _nextPoint)
            {
                var id = NewIncrement(IncrementReason.Scheduled, now, null, null, _nextPoint,
                    string.Create(CultureInfo.InvariantCulture, $"plan point {_nextPoint:0.###} {(Plan.Basis == StratumBasis.Mass ? "t" : "s")}"));
                _pending.Add(id);
                _nextPoint = _schedule.Next();
            }
        }

        foreach (var id in _pending.ToArray())
        {
            var record = _increments[id];
            if (record.Reason == IncrementReason.Triggered)
            {
                TickTriggered(record, now);
            }
            else
            {
                TickScheduled(record, now);
            }
        }

        foreach (var (id, deadline) in _ackDeadlines.ToArray())
        {
            if (now > deadline)
            {
                _ackDeadlines.Remove(id);
                Close(id, IncrementState.Missed, string.Create(CultureInfo.InvariantCulture,
                    $"the sampler did not acknowledge the command within {_options.AckTimeoutSeconds} s"));
            }
        }
    }

    /// <summary>A segment was judged: plans a cut for it when its verdict warrants one.</summary>
    public IncrementRecord? Trigger(SegmentReport segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (!Warrants(segment) || segment.LotId is null)
        {
            return null;
        }

        if (_increments.Values.Any(r => r.Reason == IncrementReason.Triggered && r.SegmentNumber == segment.Number && r.LotId == segment.LotId))
        {
            // One triggered cut per segment: a later rise re-aims the one already planned.
            Retarget(segment);
            return null;
        }

        var now = _time.GetTimestamp();
        var target = segment.HotspotMetres ?? ((segment.StartMetres + segment.EndMetres) / 2);
        var predicted = _belt.TryPredictTimestampUnder(target, LaneDevice.Cutter, out var arrival);
        var id = NewIncrement(IncrementReason.Triggered, predicted ? arrival : now, segment.Number, target, null,
            $"segment {segment.Number} {segment.Verdict.ToString().ToLowerInvariant()}", segment.LotId);

        var refusal = predicted ? WhyNotInTime(arrival, now) : null;
        refusal ??= WhyNotReady();
        refusal ??= predicted ? ClashWithOtherCut(id, arrival) : null;
        if (refusal is not null)
        {
            return Close(id, IncrementState.Refused, refusal);
        }

        // When the belt is stopped or its speed unknown the material waits; the tick re-predicts.
        _pending.Add(id);
        return _increments[id];
    }

    /// <summary>
    /// A flagged segment's verdict rose and its hotspot moved (stronger evidence, e.g. an NIR cluster after a camera
    /// detection): a triggered cut still planned for it re-aims at the new hotspot; the next tick re-times it.
    /// </summary>
    public void Retarget(SegmentReport segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.HotspotMetres is not { } target)
        {
            return;
        }

        foreach (var id in _pending)
        {
            var record = _increments[id];
            if (record.Reason == IncrementReason.Triggered && record.SegmentNumber == segment.Number
                && record.State == IncrementState.Planned && record.TargetMetres != target)
            {
                _increments[id] = record with { TargetMetres = target };
            }
        }
    }

    /// <summary>request-increment: cut now, or refuse with the reason.</summary>
    public (IncrementRecord? Record, string? Error) RequestManual(string reason)
    {
        if (_lotId is null && !ManualWithoutLot)
        {
            return (null, "no lot is open: start a lot before requesting an increment");
        }

        var now = _time.GetTimestamp();
        var id = NewIncrement(IncrementReason.Manual, now, null, null, null, string.IsNullOrWhiteSpace(reason) ? "manual" : reason.Trim());
        var refusal = WhyNotReady() ?? WhyBusy(now);
        if (refusal is not null)
        {
            Close(id, IncrementState.Refused, refusal);
            return (_increments[id], refusal);
        }

        Command(id, now);
        return (_increments[id], null);
    }

    /// <summary>The PLC accepted the command for <paramref name="id"/> (its handshake).</summary>
    public IncrementRecord? Acknowledge(uint id)
    {
        if (!_increments.TryGetValue(id, out var record))
        {
            return null;
        }

        _ackDeadlines.Remove(id);
        var state = record.State is IncrementState.Commanded ? IncrementState.Acknowledged : record.State;
        return Update(record with { Acknowledged = true, State = state }, "acknowledged");
    }

    /// <summary>The sampler reported the cut for <paramref name="id"/> with its mass (null/≤0: keep the estimate).</summary>
    public IncrementRecord? Complete(uint id, double? massKg)
    {
        if (!_increments.TryGetValue(id, out var record) || record.State == IncrementState.Taken)
        {
            return null;
        }

        _ackDeadlines.Remove(id);
        _pending.Remove(id);
        var measured = massKg is > 0 && double.IsFinite(massKg.Value);
        return Update(record with
        {
            State = IncrementState.Taken,
            TakenAt = _time.GetUtcNow(),
            Acknowledged = true,
            MassKg = measured ? massKg!.Value : record.MassKg,
            MassMeasured = measured,
        }, "taken");
    }

    /// <summary>The sampler reported that the cut for <paramref name="id"/> failed.</summary>
    public IncrementRecord? Fail(uint id, string reason) =>
        _increments.ContainsKey(id) ? Close(id, IncrementState.Missed, $"sampler reported a failure: {reason}") : null;

    private bool Warrants(SegmentReport segment) => _options.TriggerOn switch
    {
        TriggerLevel.Suspect => segment.Verdict >= SegmentVerdict.Suspect && (_options.TriggerOnSuspectDetectionsAlone || !SuspectDetectionsAlone(segment)),
        TriggerLevel.Contaminated => segment.Verdict == SegmentVerdict.Contaminated,
        _ => false,
    };

    private static bool SuspectDetectionsAlone(SegmentReport segment) =>
        segment.Verdict == SegmentVerdict.Suspect && segment.Findings.Count > 0
        && segment.Findings.All(f => f.Code == "suspect-detections");

    private void TickScheduled(IncrementRecord record, long now)
    {
        var waiting = WhyNotReady() ?? WhyBusy(now) ?? TriggeredCutDueSoon(now);
        if (waiting is null)
        {
            Command(record.Id, now);
        }
        else if (_belt.Seconds(now - record.PlannedTimestamp) > _options.ScheduledGraceSeconds)
        {
            Close(record.Id, IncrementState.Missed, string.Create(CultureInfo.InvariantCulture,
                $"not taken within {_options.ScheduledGraceSeconds} s of its plan point: {waiting}"));
        }
    }

    private void TickTriggered(IncrementRecord record, long now)
    {
        if (!_belt.TryPredictTimestampUnder(record.TargetMetres!.Value, LaneDevice.Cutter, out var arrival))
        {
            // Stopped belt: the material waits for us. Unknown speed for longer than the grace: give up.
            var state = _belt.GetState();
            if (!state.SpeedKnown && _belt.Seconds(now - record.PlannedTimestamp) > _options.ScheduledGraceSeconds)
            {
                Close(record.Id, IncrementState.Missed, "belt speed unknown: cannot time the cut");
            }

            return;
        }

        if (arrival != record.PlannedTimestamp)
        {
            // Re-evaluated at the current speed: keep the record's planned time true.
            _increments[record.Id] = record = record with { PlannedTimestamp = arrival, PlannedAt = WallClock(arrival, now) };
        }

        var lead = Ticks(_options.DecisionSeconds + _options.ActuationSeconds);
        if (now < arrival - lead)
        {
            return;
        }

        var refusal = now > arrival - Ticks(_options.ActuationSeconds)
            ? string.Create(CultureInfo.InvariantCulture,
                $"too late: the target reaches the cutter in {_belt.Seconds(arrival - now):0.###} s, the cutter needs {_options.ActuationSeconds} s")
            : WhyNotReady() ?? WhyBusy(now);
        if (refusal is not null)
        {
            Close(record.Id, IncrementState.Missed, refusal);
            return;
        }

        Command(record.Id, now);
    }

    private string? WhyNotInTime(long arrival, long now)
    {
        var needed = _options.DecisionSeconds + _options.ActuationSeconds;
        var available = _belt.Seconds(arrival - now);
        return available < needed
            ? string.Create(CultureInfo.InvariantCulture,
                $"too late: the target reaches the cutter in {available:0.###} s, decision + actuation need {needed:0.###} s")
            : null;
    }

    private string? WhyNotReady()
    {
        if (EmergencyStop)
        {
            return "emergency stop is active: no sampler commands";
        }

        return Sampler.Ready ? null : $"sampler not ready: {Sampler.Problem}";
    }

    private string? WhyBusy(long now)
    {
        if (Sampler.Busy)
        {
            return "sampler busy: a cut cycle is running";
        }

        return now < _busyUntil ? "sampler busy: the previous cut cycle has not finished" : null;
    }

    /// <summary>A scheduled cut waits when it would make the sampler busy for a triggered cut due within one cycle.</summary>
    private string? TriggeredCutDueSoon(long now)
    {
        var cycle = Ticks(_options.CutCycleSeconds + _options.DecisionSeconds + _options.ActuationSeconds);
        foreach (var id in _pending)
        {
            var other = _increments[id];
            if (other.Reason == IncrementReason.Triggered && other.PlannedTimestamp - now < cycle)
            {
                return $"waiting for triggered increment {other.Id} due within one cut cycle";
            }
        }

        return null;
    }

    private string? ClashWithOtherCut(uint self, long arrival)
    {
        var fireAt = arrival - Ticks(_options.DecisionSeconds + _options.ActuationSeconds);
        if (fireAt < _busyUntil)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"sampler busy: the running cut cycle ends {_belt.Seconds(_busyUntil - fireAt):0.###} s after this cut would have to start");
        }

        var cycle = Ticks(_options.CutCycleSeconds);
        foreach (var id in _pending)
        {
            var other = _increments[id];
            if (id != self && other.Reason == IncrementReason.Triggered && Math.Abs(other.PlannedTimestamp - arrival) < cycle)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"sampler busy: increment {other.Id} cuts {_belt.Seconds(Math.Abs(other.PlannedTimestamp - arrival)):0.###} s apart, within one cut cycle ({_options.CutCycleSeconds} s)");
            }
        }

        return null;
    }

    private uint NewIncrement(IncrementReason reason, long planned, long? segment, double? target, double? point, string note, string? lotId = null)
    {
        var now = _time.GetTimestamp();
        var id = NextId++;
        var record = new IncrementRecord(
            id,
            lotId ?? _lotId,
            reason,
            IncrementState.Planned,
            planned,
            WallClock(planned, now),
            null,
            null,
            SamplingPlanCalculator.IncrementMassKg(_flowTonnesPerHour, _options.CutterOpeningMetres, _options.CutterSpeedMetresPerSecond),
            false,
            false,
            segment,
            target,
            point,
            note);
        _increments[id] = record;
        _events.Add(LaneEventTypes.Increment, "planned", record.LotId, record);
        Prune();
        return id;
    }

    /// <summary>Storage keeps the record of every increment; in memory only the recent ones are needed.</summary>
    private void Prune()
    {
        if (_increments.Count <= MaxKept)
        {
            return;
        }

        foreach (var old in _increments.Values
            .Where(r => r.State is IncrementState.Taken or IncrementState.Refused or IncrementState.Missed)
            .OrderBy(r => r.Id)
            .Take(_increments.Count - (MaxKept / 2))
            .Select(r => r.Id)
            .ToList())
        {
            _increments.Remove(old);
        }
    }

    private void Command(uint id, long now)
    {
        _pending.Remove(id);
        var record = _increments[id];
        _busyUntil = now + Ticks(_options.CutCycleSeconds);
        _ackDeadlines[id] = now + Ticks(_options.AckTimeoutSeconds);
        _commands.Add(new TakeIncrementCommand(id, record.LotId, record.Reason));
        Update(record with { State = IncrementState.Commanded, CommandedAt = _time.GetUtcNow() }, "commanded");
    }

    private IncrementRecord Close(uint id, IncrementState state, string why)
    {
        _pending.Remove(id);
        var record = _increments[id];
        var note = record.Note.Length == 0 ? why : $"{record.Note}; {why}";
        var closed = Update(record with { State = state, Note = note }, state == IncrementState.Refused ? "refused" : "missed");
        Problem?.Invoke(closed);
        return closed;
    }

    private IncrementRecord Update(IncrementRecord record, string name)
    {
        _increments[record.Id] = record;
        _events.Add(LaneEventTypes.Increment, name, record.LotId, record);
        return record;
    }

    private DateTimeOffset WallClock(long timestamp, long now) =>
        _time.GetUtcNow() + TimeSpan.FromSeconds(_belt.Seconds(timestamp - now));

    private long Ticks(double seconds) => (long)(seconds * _time.TimestampFrequency);
}
