using System.Globalization;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Lots;

namespace SmartCustoms.Edge.Core.Alarms;

/// <summary>
/// Raises, de-duplicates and acknowledges alarms and derives the stack light. An alarm is open until it is
/// acknowledged and its condition has gone; raising the same key while it is open only counts the occurrence
/// (and raises the severity if the new one is worse). Latched alarms (contamination, missed increment, brand
/// mismatch) have no lasting condition: acknowledging closes them. Not thread-safe: the lane core locks.
/// </summary>
public sealed class AlarmBook
{
    private const int ClosedKept = 1_000;

    private readonly TimeProvider _time;
    private readonly LaneEventLog _events;
    private readonly Dictionary<string, Alarm> _openByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Alarm> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _closed = new();
    private readonly string _idPrefix;
    private long _sequence;

    internal AlarmBook(TimeProvider time, LaneEventLog events)
    {
        _time = time;
        _events = events;
        // Ids stay unique across restarts without storage: the start time is part of them.
        _idPrefix = "alm-" + time.GetUtcNow().ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
    }

    public StackLightState StackLight { get; private set; } = StackLightState.AllClear;

    public IReadOnlyList<Alarm> Open => [.. _openByKey.Values.OrderBy(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];

    public Alarm? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Raises (or re-counts) an alarm. <paramref name="latched"/>: no condition to clear, ack closes it.</summary>
    public Alarm Raise(AlarmType type, AlarmSeverity severity, string key, string? lotId, string message, bool latched)
    {
        var now = _time.GetUtcNow();
        if (_openByKey.TryGetValue(key, out var open))
        {
            var worse = severity > open.Severity;
            var again = open with
            {
                Severity = worse ? severity : open.Severity,
                Message = message,
                LastRaisedAt = now,
                Occurrences = open.Occurrences + 1,
                Active = !latched || open.Active,
            };
            Store(again);
            if (worse || (!open.Active && again.Active))
            {
                Publish("raised", again);
            }

            return again;
        }

        var alarm = new Alarm(
            $"{_idPrefix}-{++_sequence}", type, severity, key, lotId, message, now, now, 1, !latched, null, null, null);
        Store(alarm);
        Publish("raised", alarm);
        return alarm;
    }

    /// <summary>The condition behind <paramref name="key"/> has gone (device back up, radiation normal).</summary>
    public void Clear(string key)
    {
        if (_openByKey.TryGetValue(key, out var open) && open.Active)
        {
            var cleared = open with { Active = false };
            Store(cleared);
            Publish("cleared", cleared);
        }
    }

    public CommandResult Acknowledge(string alarmId, string user, string? note)
    {
        if (string.IsNullOrWhiteSpace(alarmId))
        {
            return CommandResult.Fail("alarmId is required");
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            return CommandResult.Fail("user is required to acknowledge an alarm");
        }

        if (!_byId.TryGetValue(alarmId, out var alarm))
        {
            return CommandResult.Fail($"no alarm with id '{alarmId}'");
        }

        if (alarm.Acknowledged)
        {
            return CommandResult.Fail($"alarm '{alarmId}' was already acknowledged by {alarm.AcknowledgedBy}");
        }

        var acknowledged = alarm with { AcknowledgedBy = user.Trim(), AcknowledgedAt = _time.GetUtcNow(), AcknowledgeNote = note?.Trim() };
        Store(acknowledged);
        Publish("acknowledged", acknowledged);
        return CommandResult.Success;
    }

    private void Store(Alarm alarm)
    {
        _byId[alarm.Id] = alarm;
        if (alarm.Open)
        {
            _openByKey[alarm.Key] = alarm;
        }
        else
        {
            _openByKey.Remove(alarm.Key);
            _closed.Enqueue(alarm.Id);
            while (_closed.Count > ClosedKept)
            {
                _byId.Remove(_closed.Dequeue());
            }
        }

        StackLight = Light();
    }

    private StackLightState Light()
    {
        AlarmSeverity? worst = null;
        foreach (var alarm in _openByKey.Values)
        {
            if (!alarm.Acknowledged && (worst is null || alarm.Severity > worst))
            {
                worst = alarm.Severity;
            }
        }

        return worst switch
        {
            AlarmSeverity.Critical => new StackLightState(StackLightColor.Red, Horn: true),
            AlarmSeverity.Warning => new StackLightState(StackLightColor.Amber, Horn: false),
            _ => StackLightState.AllClear,
        };
    }

    private void Publish(string name, Alarm alarm) =>
        _events.Add(LaneEventTypes.Alarm, name, alarm.LotId, new AlarmChange(alarm, StackLight));
}
