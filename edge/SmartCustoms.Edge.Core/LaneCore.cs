using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Belt;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Fusion;
using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Core.Segments;

namespace SmartCustoms.Edge.Core;

/// <summary>
/// The lane's domain core: the host feeds it belt samples, scale readings, classified observations, device
/// health, sampler status and commands; calls <see cref="Tick"/> regularly (every 10-50 ms); and drains
/// <see cref="DrainEvents"/> (to storage / MQTT / UI) and <see cref="DrainSamplerCommands"/> (to the sampler).
/// </summary>
/// <remarks>
/// Thread-safety: every public member is thread-safe; all state changes happen under one lock, so callers
/// on different threads are serialised (no member blocks on I/O). Events come out in the order they happened.
/// </remarks>
public sealed class LaneCore
{
    private const int RecentSegmentsKept = 20;
    private const int RecentIncrementsKept = 20;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LaneEventLog _events;
    private readonly SegmentBook _segments;
    private readonly LotBook _lots;
    private readonly LotJudge _lotJudge;
    private readonly VerdictOptions _verdictRules;
    private readonly BrandCatalog _brands;
    private readonly SamplingPlanner _planner;
    private readonly AlarmBook _alarms;
    private readonly RadiationPeakFinder _radiationPeaks;
    private readonly List<RadiationFiling> _radiationFilings = [];
    private readonly List<SegmentRevision> _radiationRevisions = [];
    private readonly long _radiationHalfWindow;
    private readonly double _radiationToleranceMetres;
    private readonly Dictionary<string, DeviceHealth> _devices = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<SegmentReport> _recentSegments = new();
    private readonly Dictionary<string, BrandConformityState> _brandStates = new(StringComparer.Ordinal);
    private long _lastTick;
    private double _lotRunningSeconds;
    private long _rejectedScaleReadings;
    private LaneModeChange? _modeChange;
    private LaneMode _mode = LaneMode.Run;

    public LaneCore(
        IOptions<LaneGeometryOptions> geometry,
        IOptions<SegmentOptions> segments,
        IOptions<VerdictOptions> verdicts,
        IOptions<SamplingOptions> sampling,
        TimeProvider time,
        ILogger<LaneCore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _events = new LaneEventLog(time);
        Belt = new BeltTracker(geometry.Value, time);
        _segments = new SegmentBook(segments.Value, verdicts.Value, Belt.Geometry, time);
        _radiationPeaks = new RadiationPeakFinder(geometry.Value.RadiationFieldOfViewMetres, geometry.Value.RadiationIntegrationSeconds);
        _radiationHalfWindow = (long)(geometry.Value.RadiationIntegrationSeconds / 2 * time.TimestampFrequency);
        _radiationToleranceMetres = geometry.Value.RadiationSourceToleranceMetres;
        _lots = new LotBook(time);
        _lotJudge = new LotJudge(verdicts.Value);
        _verdictRules = verdicts.Value;
        _brands = new BrandCatalog(verdicts.Value);
        _alarms = new AlarmBook(time, _events);
        _planner = new SamplingPlanner(sampling.Value, Belt, time, _events) { Problem = OnIncrementProblem };
        _lastTick = time.GetTimestamp();
    }

    /// <summary>The belt tracker (thread-safe on its own; position queries need no core lock).</summary>
    public BeltTracker Belt { get; }

    // ---------------------------------------------------------------- feeding: belt and scale

    /// <summary>A belt speed sample (m/s) from the scale or another speed source. False when refused (see Belt.LastRejection).</summary>
    public bool RecordBeltSpeed(double metresPerSecond, long timestamp) => Checked(Belt.RecordSpeed(metresPerSecond, timestamp));

    /// <summary>The encoder's cumulative pulse count. False when refused.</summary>
    public bool RecordEncoderPulses(long pulseCount, long timestamp) => Checked(Belt.RecordEncoderPulses(pulseCount, timestamp));

    /// <summary>A belt-scale reading: speed (if any) goes to the belt, flow to the increment mass estimate, the totaliser to the lot and to tonnage segments.</summary>
    public void RecordScale(BeltScaleReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.SpeedMetresPerSecond is { } speed)
        {
            RecordBeltSpeed(speed, reading.Timestamp);
        }

        lock (_gate)
        {
            if (!double.IsFinite(reading.TotaliserTonnes) || reading.TotaliserTonnes < 0 || !double.IsFinite(reading.FlowTonnesPerHour))
            {
                _rejectedScaleReadings++;
                return;
            }

            _planner.RecordFlow(reading.FlowTonnesPerHour);
            _lots.Current?.RecordTotaliser(reading.TotaliserTonnes);
            if (Belt.TryPlace(LaneDevice.Scale, reading.Timestamp, out var coordinate, out _))
            {
                _segments.RecordTotaliser(reading.TotaliserTonnes, coordinate);
            }
        }
    }

    // ---------------------------------------------------------------- feeding: observations

    public ObservationPlacement Observe(SpectralObservation spectrum)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        lock (_gate)
        {
            if (spectrum.OreFamily is not null && _lots.Current is { } lot)
            {
                lot.RecordOreFamily(spectrum.OreFamily);
            }

            if (!Belt.TryPlace(LaneDevice.Nir, spectrum.Timestamp, out var c, out var certain))
            {
                return Dropped();
            }

            var placement = _segments.Add(spectrum, c, certain, out var revision);
            Revised(revision);
            return placement;
        }
    }

    public ObservationPlacement Observe(VisualDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        lock (_gate)
        {
            if (!Belt.TryPlace(LaneDevice.Camera, detection.Timestamp, out var c, out var certain))
            {
                return Dropped();
            }

            // A box downstream of the camera's reference line holds material that passed the reference earlier.
            var placement = _segments.Add(detection, c - detection.OffsetAlongBeltMetres, certain, out var revision);
            Revised(revision);
            return placement;
        }
    }

    /// <summary>A radiation reading: raises/clears the radiation alarm at once and files the reading on its segment.</summary>
    public ObservationPlacement Observe(RadiationReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        lock (_gate)
        {
            var lot = _lots.Current;
            var dose = reading.DoseRateNanoSievertsPerHour.ToString("0", CultureInfo.InvariantCulture);
            switch (reading.Level)
            {
                case RadiationLevel.Alarm:
                    _alarms.Raise(AlarmType.Radiation, AlarmSeverity.Critical, "radiation", lot?.Id, $"radiation alarm: {dose} nSv/h", latched: false);
                    if (lot is not null && !lot.RadiationAlarm)
                    {
                        lot.RadiationAlarm = true;
                        JudgeLot(lot);
                    }

                    break;
                case RadiationLevel.Warning:
                    _alarms.Raise(AlarmType.Radiation, AlarmSeverity.Warning, "radiation", lot?.Id, $"radiation warning: {dose} nSv/h", latched: false);
                    break;
                default:
                    _alarms.Clear("radiation");
                    break;
            }

            // A reading counts over a window ending at its timestamp: the material it measured passed in the middle.
            if (!Belt.TryPlace(LaneDevice.Radiation, reading.Timestamp - _radiationHalfWindow, out var c, out var certain))
            {
                return Dropped();
            }

            // The level goes to where the source peaked, not to every segment passing while the monitor holds its alarm.
            _radiationFilings.Clear();
            _radiationPeaks.Add(reading, c, certain, Belt.GetState().SpeedMetresPerSecond, _radiationFilings);
            var placement = ObservationPlacement.Added;
            foreach (var filing in _radiationFilings)
            {
                _radiationRevisions.Clear();
                var filed = _segments.Add(filing, _radiationToleranceMetres, _radiationRevisions);
                placement = filing.Kind == RadiationFilingKind.Reading ? filed : placement;
                foreach (var revision in _radiationRevisions)
                {
                    Revised(revision);
                }
            }

            return placement;
        }
    }

    // ---------------------------------------------------------------- feeding: devices and sampler

    /// <summary>A device's health changed. Down during a lot raises a device-down alarm; up clears it.</summary>
    public void ReportDeviceHealth(DeviceHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        lock (_gate)
        {
            _devices[health.Device] = health;
            if (health.State == DeviceHealthState.Down)
            {
                if (_lots.Current is { } lot)
                {
                    RaiseDeviceDown(health, lot);
                }
            }
            else
            {
                _alarms.Clear(DeviceKey(health.Device));
            }
        }
    }

    public void ReportSampler(SamplerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_gate)
        {
            _planner.Sampler = status;
        }
    }

    /// <summary>The lane's e-stop input. While active the planner sends no sampler command.</summary>
    public void SetEmergencyStop(bool active)
    {
        lock (_gate)
        {
            _planner.EmergencyStop = active;
        }
    }

    /// <summary>Resume increment ids after a restart (the PLC's uint32 id must not repeat).</summary>
    public void ResumeIncrementIds(uint nextId)
    {
        lock (_gate)
        {
            _planner.NextId = Math.Max(_planner.NextId, nextId);
        }
    }

    public void ReportIncrementAcknowledged(uint incrementId)
    {
        lock (_gate)
        {
            _planner.Acknowledge(incrementId);
        }
    }

    /// <summary>The sampler completed increment <paramref name="incrementId"/> (mass from the PLC, kg, or null).</summary>
    public void ReportIncrementTaken(uint incrementId, double? massKg)
    {
        lock (_gate)
        {
            if (_planner.Complete(incrementId, massKg) is { } record)
            {
                _lots.Find(record.LotId)?.RecordIncrementTaken(record.Reason.ToString().ToLowerInvariant());
            }
        }
    }

    public void ReportIncrementFailed(uint incrementId, string reason)
    {
        lock (_gate)
        {
            _planner.Fail(incrementId, reason);
        }
    }

    // ---------------------------------------------------------------- commands

    public CommandResult StartLot(LotDeclaration declaration)
    {
        lock (_gate)
        {
            if (_mode == LaneMode.Maintenance)
            {
                LaneCoreLog.CommandRefused(_logger, "start-lot", LaneModeSwitch.StartLotRefused.Error!);
                return LaneModeSwitch.StartLotRefused;
            }

            var result = _lots.Start(declaration, out var lot);
            if (!result.Ok)
            {
                LaneCoreLog.CommandRefused(_logger, "start-lot", result.Error!);
                return result;
            }

            lot!.Plan = _planner.StartLot(lot.Id, lot.Declaration.DeclaredMassTonnes);
            _segments.CurrentLotId = lot.Id;
            _lotRunningSeconds = 0;
            lot.Verdict = LotVerdict.Clear;
            _events.Add(LaneEventTypes.Lot, "started", lot.Id, Snapshot(lot));
            LaneCoreLog.LotStarted(_logger, lot.Id, lot.Declaration.DeclaredBrand, lot.Declaration.DeclaredMassTonnes,
                lot.Plan.Scheme, lot.Plan.Increments);
            foreach (var device in _devices.Values.Where(d => d.State == DeviceHealthState.Down))
            {
                RaiseDeviceDown(device, lot);
            }

            return result;
        }
    }

    public CommandResult EndLot(string? lotId)
    {
        lock (_gate)
        {
            var result = _lots.End(lotId, out var lot);
            if (!result.Ok)
            {
                LaneCoreLog.CommandRefused(_logger, "end-lot", result.Error!);
                return result;
            }

            _planner.EndLot();
            _segments.CurrentLotId = null;
            CheckBrand(lot!);
            _events.Add(LaneEventTypes.Lot, "ended", lot!.Id, Snapshot(lot));
            LaneCoreLog.LotEnded(_logger, lot.Id, lot.Tonnes, lot.Verdict.Level);
            return result;
        }
    }

    public CommandResult RequestIncrement(string reason)
    {
        lock (_gate)
        {
            var (_, error) = _planner.RequestManual(reason);
            if (error is not null)
            {
                LaneCoreLog.CommandRefused(_logger, "request-increment", error);
                return CommandResult.Fail(error);
            }

            return CommandResult.Success;
        }
    }

    public CommandResult AcknowledgeAlarm(string alarmId, string user, string? note)
    {
        lock (_gate)
        {
            var result = _alarms.Acknowledge(alarmId, user, note);
            if (!result.Ok)
            {
                LaneCoreLog.CommandRefused(_logger, "ack-alarm", result.Error!);
            }

            return result;
        }
    }

    /// <summary>A supervisor releases lot <paramref name="lotId"/> (the open lot when null) from HOLD with a note; its verdict is re-judged and published.</summary>
    public CommandResult ReleaseHold(string? lotId, string user, string note)
    {
        lock (_gate)
        {
            var result = _lots.Release(lotId, user, note, out var lot);
            if (!result.Ok)
            {
                LaneCoreLog.CommandRefused(_logger, "release-hold", result.Error!);
                return result;
            }

            JudgeLot(lot!);
            return result;
        }
    }

    /// <summary>Changes a verdict threshold (see <see cref="VerdictThresholds"/>) for every later judgement; the open lot is re-judged at once.</summary>
    public CommandResult SetThreshold(string name, double value)
    {
        lock (_gate)
        {
            var result = VerdictThresholds.TryApply(_verdictRules, name, value, out _);
            if (!result.Ok)
            {
                LaneCoreLog.CommandRefused(_logger, "set-threshold", result.Error!);
                return result;
            }

            if (_lots.Current is { } lot)
            {
                JudgeLot(lot);
            }

            return result;
        }
    }

    /// <summary>The verdict thresholds that may be changed at run time, with their current values.</summary>
    public IReadOnlyDictionary<string, double> Thresholds
    {
        get { lock (_gate) { return VerdictThresholds.Read(_verdictRules); } }
    }

    /// <summary>The lane's mode (see <see cref="LaneModeRules"/>).</summary>
    public LaneMode Mode
    {
        get { lock (_gate) { return _mode; } }
    }

    /// <summary>The last mode change, or null when the mode has not been set since start.</summary>
    public LaneModeChange? ModeChange
    {
        get { lock (_gate) { return _modeChange; } }
    }

    /// <summary>
    /// set-mode: to maintenance only while no lot is open (cuts still planned for the ended lot are refused first,
    /// raising their missed-increment alarm); back to run restores lots, cuts and alarms. Setting the mode the
    /// lane is already in succeeds and changes nothing. <paramref name="since"/>: when it was set (a mode restored
    /// after a restart keeps its time); now when null.
    /// </summary>
    public CommandResult SetMode(LaneMode mode, string? by, string? note, DateTimeOffset? since = null)
    {
        lock (_gate)
        {
            var result = LaneModeSwitch.Check(mode, _lots.Current?.Id);
            if (!result.Ok)
            {
                LaneCoreLog.CommandRefused(_logger, "set-mode", result.Error!);
                return result;
            }

            if (mode == _mode)
            {
                return result;
            }

            if (mode == LaneMode.Maintenance)
            {
                _planner.CancelPlanned("lane switched to maintenance before the cut");
            }

            _mode = mode;
            _planner.ManualWithoutLot = mode == LaneMode.Maintenance;
            _modeChange = new LaneModeChange(mode, since ?? _time.GetUtcNow(), by, note);
            return result;
        }
    }

    // ---------------------------------------------------------------- time and outputs

    /// <summary>
    /// Moves the lane on to now: judges segments that have passed the last sensor, advances the sampling plan,
    /// fires or expires planned increments and re-checks brand conformity. Call every 10-50 ms.
    /// </summary>
    public void Tick()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var belt = Belt.GetState();
            if (belt.Moving)
            {
                _lotRunningSeconds += Belt.Seconds(now - _lastTick);
            }

            _lastTick = now;
            if (Belt.HasHistory)
            {
                var position = Belt.TryGetPositionAt(now, out var p) ? p : belt.PositionMetres;
                foreach (var change in _segments.Advance(position))
                {
                    Judged(change.Current, change.Previous);
                }
            }

            var lot = _lots.Current;
            _planner.Tick(lot?.Tonnes ?? 0, _lotRunningSeconds);
            if (lot is not null)
            {
                CheckBrand(lot);
            }
        }
    }

    public IReadOnlyList<LaneEvent> DrainEvents()
    {
        lock (_gate)
        {
            return _events.Drain();
        }
    }

    public IReadOnlyList<TakeIncrementCommand> DrainSamplerCommands()
    {
        lock (_gate)
        {
            return _planner.DrainCommands();
        }
    }

    public StackLightState StackLight
    {
        get { lock (_gate) { return _alarms.StackLight; } }
    }

    public LaneSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            var lot = _lots.Current;
            return new LaneSnapshot(
                Belt.GetState(),
                lot is null ? null : Snapshot(lot),
                _alarms.Open,
                _alarms.StackLight,
                _planner.Sampler,
                _planner.EmergencyStop,
                [.. _recentSegments],
                [.. _planner.Increments.OrderByDescending(i => i.Id).Take(RecentIncrementsKept)],
                [.. _devices.Values],
                new LaneCounters(_segments.DroppedObservations, _segments.LateObservations, Belt.GetState().RejectedSamples, _rejectedScaleReadings))
            {
                Mode = _mode,
                ModeChange = _modeChange,
            };
        }
    }

    /// <summary>The lot <paramref name="lotId"/> if it is open or recent.</summary>
    public LotSnapshot? FindLot(string lotId)
    {
        lock (_gate)
        {
            return _lots.Find(lotId) is { } lot ? Snapshot(lot) : null;
        }
    }

    public Alarm? FindAlarm(string alarmId)
    {
        lock (_gate)
        {
            return _alarms.Find(alarmId);
        }
    }

    public IncrementRecord? FindIncrement(uint id)
    {
        lock (_gate)
        {
            return _planner.Find(id);
        }
    }

    // ---------------------------------------------------------------- internals (under the lock)

    private void Judged(SegmentReport report, SegmentReport? previous)
    {
        _events.Add(LaneEventTypes.Segment, previous is null ? "judged" : "revised", report.LotId, report);
        _recentSegments.Enqueue(report);
        while (_recentSegments.Count > RecentSegmentsKept)
        {
            _recentSegments.Dequeue();
        }

        if (report.Verdict != SegmentVerdict.Clear)
        {
            LaneCoreLog.SegmentFlagged(_logger, report.Number, report.LotId, report.Verdict);
        }

        var lot = _lots.Find(report.LotId);
        if (lot is not null)
        {
            lot.Apply(report, previous);
            JudgeLot(lot);
        }

        // A radiation-only verdict has its own alarm (raised from the reading itself); no second one for it.
        // In maintenance a segment of no lot is a technician's test piece; one of the lot just ended still alarms.
        if (report.Verdict == SegmentVerdict.Contaminated && (report.LotId is not null || LaneModeRules.Raises(_mode, AlarmType.Contamination))
            && report.Findings.Any(f => !f.Code.StartsWith("radiation-", StringComparison.Ordinal)))
        {
            var materials = string.Join(", ", report.ContaminantShares.Select(s => s.Material));
            _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, $"contamination:{report.LotId}", report.LotId,
                $"segment {report.Number} contaminated ({materials})", latched: true);
        }

        // A first flag plans a cut; a rise re-aims the cut already planned, or plans one if the earlier verdict did not
        // warrant a cut (e.g. suspect by weak camera detections alone, now confirmed by the NIR).
        // In maintenance no cut is commanded by itself (technicians may be at the sampler).
        if (_mode == LaneMode.Run)
        {
            _planner.Trigger(report);
        }
    }

    private void Revised(SegmentRevision? revision)
    {
        if (revision is not null)
        {
            Judged(revision.Current, revision.Previous);
        }
    }

    private void JudgeLot(Lot lot)
    {
        var verdict = _lotJudge.Judge(lot, _lotJudge.Conformity(lot, _brands));
        if (!verdict.SameAs(lot.Verdict))
        {
            lot.Verdict = verdict;
            _events.Add(LaneEventTypes.Lot, "verdict", lot.Id, Snapshot(lot));
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                LaneCoreLog.LotVerdictChanged(_logger, lot.Id, verdict.Level, string.Join("; ", verdict.Reasons.Select(r => r.Message)));
            }
        }
        else
        {
            // Same decision; keep the newest counts in the messages.
            lot.Verdict = verdict;
        }
    }

    private void CheckBrand(Lot lot)
    {
        var brand = _lotJudge.Conformity(lot, _brands);
        lot.Brand = brand;
        var before = _brandStates.GetValueOrDefault(lot.Id, BrandConformityState.NotEnoughData);
        if (brand.State == before)
        {
            return;
        }

        _brandStates[lot.Id] = brand.State;
        _events.Add(LaneEventTypes.Brand, "finding", lot.Id, brand);
        if (brand.State == BrandConformityState.Mismatch)
        {
            _alarms.Raise(AlarmType.BrandMismatch, AlarmSeverity.Warning, $"brand:{lot.Id}", lot.Id, brand.Message, latched: true);
        }

        JudgeLot(lot);
    }

    private void RaiseDeviceDown(DeviceHealth health, Lot lot)
    {
        if (LaneModeRules.Raises(_mode, AlarmType.DeviceDown))
        {
            _alarms.Raise(AlarmType.DeviceDown, AlarmSeverity.Critical, DeviceKey(health.Device), lot.Id,
            $"{health.Device} is down during lot {lot.Id}: {health.Reason}", latched: false);
        }
    }

    private static string DeviceKey(string device) => $"device:{device.ToLowerInvariant()}";

    private void OnIncrementProblem(IncrementRecord record)
    {
        LaneCoreLog.IncrementProblem(_logger, record.Id, record.Reason, record.State, record.Note);
        if (!LaneModeRules.Raises(_mode, AlarmType.MissedIncrement))
        {
            return;
        }

        _alarms.Raise(AlarmType.MissedIncrement, record.Reason == IncrementReason.Triggered ? AlarmSeverity.Critical : AlarmSeverity.Warning,
            $"increment:{record.LotId}:{record.Reason}", record.LotId,
            $"increment {record.Id} ({record.Reason.ToString().ToLowerInvariant()}) {record.State.ToString().ToLowerInvariant()}: {record.Note}", latched: true);
    }

    private LotSnapshot Snapshot(Lot lot) => lot.Snapshot(lot.Brand ?? _lotJudge.Conformity(lot, _brands));

    private ObservationPlacement Dropped()
    {
        // No belt history covers the observation's time: nothing to place it on.
        _segments.CountDropped();
        return ObservationPlacement.Dropped;
    }

    private bool Checked(bool accepted)
    {
        if (!accepted)
        {
            LaneCoreLog.BeltSampleRefused(_logger, Belt.LastRejection);
        }

        return accepted;
    }
}
