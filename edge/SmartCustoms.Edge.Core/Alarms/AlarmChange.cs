namespace SmartCustoms.Edge.Core.Alarms;

/// <summary>Payload of the <c>alarm</c> events: the alarm after the change and the stack light it leads to.</summary>
public sealed record AlarmChange(Alarm Alarm, StackLightState StackLight);
