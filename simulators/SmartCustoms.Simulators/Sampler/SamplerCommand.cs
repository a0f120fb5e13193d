namespace SmartCustoms.Simulators.Sampler;

/// <summary>Holding register 0 of the sampler PLC. 1–4 are the contract's; 5 is this simulator's extension.</summary>
public enum SamplerCommand : ushort
{
    None = 0,
    TakeIncrement = 1,
    ResetFault = 2,
    Home = 3,
    Stop = 4,

    /// <summary>Extension: the technician emptied the sample bin (fill back to 0 %).</summary>
    BinEmptied = 5,
}
