namespace SmartCustoms.Drivers.Abstractions.Sampler;

/// <summary>One read of the sampler PLC's status (input registers and discrete inputs).</summary>
/// <param name="State">What the cutter is doing.</param>
/// <param name="LastAcceptedCommandSequence">The command sequence the PLC last acknowledged (the handshake).</param>
/// <param name="IncrementsCompleted">The PLC's counter of completed cuts (wraps at 2^32).</param>
/// <param name="FaultCode">The PLC's fault code; 0 means no fault. Meaning is PLC-specific.</param>
/// <param name="LastIncrementMassKg">Mass of the last increment, kg (PLC resolution 0.1 kg).</param>
/// <param name="LastIncrementId">The increment id the PLC stored with its last cut.</param>
/// <param name="BinFillPercent">Sample bin fill, 0–100 %.</param>
/// <param name="Heartbeat">The PLC's heartbeat counter (+1 every 100 ms; wraps).</param>
/// <param name="Ready">Discrete input 0: the sampler is ready for a cut.</param>
/// <param name="CutterHome">Discrete input 1: the cutter is in its home (parked) position.</param>
/// <param name="BinFull">Discrete input 2: the sample bin is full.</param>
/// <param name="BeltInterlockOk">Discrete input 3: the belt interlock permits a cut.</param>
/// <param name="HostTime">Wall-clock time on the gateway when the read completed (for display and records).</param>
/// <param name="HostTimestamp">Monotonic <see cref="TimeProvider.GetTimestamp"/> when the read completed (for ordering).</param>
public sealed record SamplerStatus(
    SamplerState State,
    ushort LastAcceptedCommandSequence,
    uint IncrementsCompleted,
    ushort FaultCode,
    double LastIncrementMassKg,
    uint LastIncrementId,
    int BinFillPercent,
    ushort Heartbeat,
    bool Ready,
    bool CutterHome,
    bool BinFull,
    bool BeltInterlockOk,
    DateTimeOffset HostTime,
    long HostTimestamp);
