using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Alarms;

public sealed class AlarmBookTests
{
    private readonly LaneClock _clock = new();
    private readonly LaneEventLog _log;
    private readonly AlarmBook _alarms;

    public AlarmBookTests()
    {
        _log = new LaneEventLog(_clock.Time);
        _alarms = new AlarmBook(_clock.Time, _log);
    }

    [Fact]
    public void Raising_the_same_key_while_open_only_counts_it()
    {
        var first = _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, "contamination:LOT-1", "LOT-1", "segment 3", latched: true);
        _clock.SetTo(5);
        var again = _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, "contamination:LOT-1", "LOT-1", "segment 7", latched: true);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, again.Occurrences);
        Assert.Equal("segment 7", again.Message);
        Assert.Equal(first.RaisedAt.AddSeconds(5), again.LastRaisedAt);
        Assert.Single(_alarms.Open);
        Assert.Single(_log.Drain(), e => e.Name == "raised");
    }

    [Fact]
    public void A_worse_occurrence_escalates_the_open_alarm()
    {
        _alarms.Raise(AlarmType.Radiation, AlarmSeverity.Warning, "radiation", null, "warning", latched: false);
        Assert.Equal(StackLightColor.Amber, _alarms.StackLight.Color);
        var escalated = _alarms.Raise(AlarmType.Radiation, AlarmSeverity.Critical, "radiation", null, "alarm", latched: false);
        Assert.Equal(AlarmSeverity.Critical, escalated.Severity);
        Assert.Equal(new StackLightState(StackLightColor.Red, true), _alarms.StackLight);
        Assert.Equal(2, _log.Drain().Count(e => e.Name == "raised"));
    }

    [Fact]
    public void Acknowledging_a_latched_alarm_closes_it_and_a_new_occurrence_is_a_new_alarm()
    {
        var alarm = _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, "k", "LOT-1", "m", latched: true);
        Assert.True(_alarms.Acknowledge(alarm.Id, "officer.li", "seen on camera").Ok);
        Assert.Empty(_alarms.Open);
        var acknowledged = _alarms.Find(alarm.Id)!;
        Assert.Equal("officer.li", acknowledged.AcknowledgedBy);
        Assert.Equal("seen on camera", acknowledged.AcknowledgeNote);

        var next = _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, "k", "LOT-1", "m", latched: true);
        Assert.NotEqual(alarm.Id, next.Id);
    }

    [Fact]
    public void A_condition_alarm_stays_open_after_ack_until_cleared_and_does_not_re_alert_meanwhile()
    {
        var alarm = _alarms.Raise(AlarmType.DeviceDown, AlarmSeverity.Critical, "device:nir", "LOT-1", "nir down", latched: false);
        _alarms.Acknowledge(alarm.Id, "op", null);
        Assert.Single(_alarms.Open);
        Assert.Equal(StackLightState.AllClear, _alarms.StackLight);

        // Still down: de-duplicated into the acknowledged alarm, the light stays quiet.
        _alarms.Raise(AlarmType.DeviceDown, AlarmSeverity.Critical, "device:nir", "LOT-1", "nir down", latched: false);
        Assert.Equal(StackLightState.AllClear, _alarms.StackLight);

        _alarms.Clear("device:nir");
        Assert.Empty(_alarms.Open);
        Assert.Contains(_log.Drain(), e => e.Name == "cleared");
    }

    [Fact]
    public void The_stack_light_follows_the_worst_unacknowledged_alarm()
    {
        Assert.Equal(StackLightState.AllClear, _alarms.StackLight);
        var warning = _alarms.Raise(AlarmType.BrandMismatch, AlarmSeverity.Warning, "brand", "LOT-1", "m", latched: true);
        Assert.Equal(new StackLightState(StackLightColor.Amber, false), _alarms.StackLight);
        var critical = _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, "cont", "LOT-1", "m", latched: true);
        Assert.Equal(new StackLightState(StackLightColor.Red, true), _alarms.StackLight);
        _alarms.Acknowledge(critical.Id, "op", null);
        Assert.Equal(new StackLightState(StackLightColor.Amber, false), _alarms.StackLight);
        _alarms.Acknowledge(warning.Id, "op", null);
        Assert.Equal(StackLightState.AllClear, _alarms.StackLight);
    }

    [Fact]
    public void Acknowledge_errors_are_clear()
    {
        Assert.Equal("no alarm with id 'alm-x'", _alarms.Acknowledge("alm-x", "op", null).Error);
        var alarm = _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, "k", null, "m", latched: false);
        Assert.Equal("user is required to acknowledge an alarm", _alarms.Acknowledge(alarm.Id, " ", null).Error);
        Assert.True(_alarms.Acknowledge(alarm.Id, "op", null).Ok);
        Assert.Contains("already acknowledged by op", _alarms.Acknowledge(alarm.Id, "op2", null).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Alarm_events_carry_the_stack_light_after_the_change()
    {
        var alarm = _alarms.Raise(AlarmType.Contamination, AlarmSeverity.Critical, "k", null, "m", latched: true);
        _alarms.Acknowledge(alarm.Id, "op", null);
        var events = _log.Drain();
        Assert.Equal(StackLightColor.Red, ((AlarmChange)events[0].Data).StackLight.Color);
        Assert.Equal(StackLightColor.Green, ((AlarmChange)events[1].Data).StackLight.Color);
        Assert.All(events, e => Assert.Equal(LaneEventTypes.Alarm, e.Type));
    }
}
