namespace SmartCustoms.Drivers.Abstractions.Radiation;

/// <summary>The radiation monitor's own alarm decision.</summary>
public enum RadiationAlarmState
{
    Normal = 0,
    Warning = 1,
    Alarm = 2,
}
