namespace SmartCustoms.Drivers.Abstractions.Sampler;

/// <summary>How a sampler command ended.</summary>
public enum SamplerCommandOutcome
{
    /// <summary>The PLC acknowledged the command (it echoed the command sequence).</summary>
    Accepted,

    /// <summary>The gateway did not send the command because the sampler could not carry it out (see the reason).</summary>
    Refused,

    /// <summary>The command was written but the PLC did not acknowledge it within the acknowledge timeout.</summary>
    Timeout,
}
