namespace SmartCustoms.Simulators.Sampler;

/// <summary>
/// Input register 10 (extension): what the PLC did with the last accepted command. The handshake
/// (input 1) only says the command was received; this says whether it could be carried out.
/// </summary>
public enum SamplerCommandResult : ushort
{
    Done = 0,
    RefusedBusy = 1,
    RefusedFault = 2,
    RefusedBinFull = 3,
    RefusedBeltInterlock = 4,
    RefusedLocalMode = 5,
    RefusedNotHome = 6,
}
