namespace SmartCustoms.Drivers.Abstractions.Sampler;

/// <summary>What the sampler's cross-stream cutter is doing, as its PLC reports it.</summary>
public enum SamplerState
{
    Idle = 0,
    Cutting = 1,
    Returning = 2,
    Fault = 3,

    /// <summary>Local or maintenance mode: the PLC ignores remote commands.</summary>
    Local = 4,
}
