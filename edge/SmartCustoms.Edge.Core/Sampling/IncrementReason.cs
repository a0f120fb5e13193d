namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>Why an increment is taken.</summary>
public enum IncrementReason
{
    /// <summary>The ISO 3082 plan.</summary>
    Scheduled,

    /// <summary>A suspect or contaminated segment reaching the cutter.</summary>
    Triggered,

    /// <summary>An operator or central system asked (request-increment).</summary>
    Manual,
}
