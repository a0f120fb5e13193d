namespace SmartCustoms.Simulators.Sampler;

/// <summary>Input register 0 of the sampler PLC.</summary>
public enum SamplerState : ushort
{
    Idle = 0,
    Cutting = 1,
    Returning = 2,
    Fault = 3,
    LocalMaintenance = 4,
}
