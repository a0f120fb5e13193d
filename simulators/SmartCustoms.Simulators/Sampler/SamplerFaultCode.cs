namespace SmartCustoms.Simulators.Sampler;

/// <summary>Input register 4 of the sampler PLC.</summary>
public enum SamplerFaultCode : ushort
{
    None = 0,

    /// <summary>A stop command halted the cutter mid-cycle, outside its home position (reset, then home).</summary>
    StoppedOutOfHome = 2,
}
