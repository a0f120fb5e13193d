namespace SmartCustoms.Edge.Core.Observations;

/// <summary>The radiation monitor's alarm state (the monitor decides; the core follows).</summary>
public enum RadiationLevel
{
    Normal,
    Warning,
    Alarm,
}
