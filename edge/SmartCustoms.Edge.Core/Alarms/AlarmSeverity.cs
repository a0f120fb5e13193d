namespace SmartCustoms.Edge.Core.Alarms;

/// <summary>Alarm severity, worst last.</summary>
public enum AlarmSeverity
{
    /// <summary>Amber light.</summary>
    Warning,

    /// <summary>Red light and horn.</summary>
    Critical,
}
