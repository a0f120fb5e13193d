namespace SmartCustoms.Edge.Core.Alarms;

public enum StackLightColor
{
    Green,
    Amber,
    Red,
}
