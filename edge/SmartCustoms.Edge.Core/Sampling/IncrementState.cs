namespace SmartCustoms.Edge.Core.Sampling;

/// <summary>Where an increment is in its life.</summary>
public enum IncrementState
{
    /// <summary>Decided, waiting for its moment (the plan point, or the segment reaching the cutter).</summary>
    Planned,

    /// <summary>The take-increment command went to the sampler.</summary>
    Commanded,

    /// <summary>The PLC accepted the command (handshake).</summary>
    Acknowledged,

    /// <summary>The cut happened; mass recorded.</summary>
    Taken,

    /// <summary>Refused at decision time (too late, e-stop, sampler not ready/busy); see the note.</summary>
    Refused,

    /// <summary>Planned but not taken in time (or not acknowledged); see the note.</summary>
    Missed,
}
