namespace SmartCustoms.Drivers.Abstractions.Sampler;

/// <summary>Commands the gateway can give the sampler (the values of the PLC's command register).</summary>
public enum SamplerCommand
{
    TakeIncrement = 1,
    ResetFault = 2,
    Home = 3,
    Stop = 4,
}
