namespace SmartCustoms.Simulators.Radiation;

/// <summary>Input register 3 of the radiation monitor.</summary>
public enum RadiationAlarmState : ushort
{
    Normal = 0,
    Warning = 1,
    Alarm = 2,
}
