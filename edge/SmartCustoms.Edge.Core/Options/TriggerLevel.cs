namespace SmartCustoms.Edge.Core.Options;

/// <summary>Which segment verdicts trigger an extra increment.</summary>
public enum TriggerLevel
{
    /// <summary>No triggered increments.</summary>
    Off,

    /// <summary>Suspect and contaminated segments.</summary>
    Suspect,

    /// <summary>Contaminated segments only.</summary>
    Contaminated,
}
