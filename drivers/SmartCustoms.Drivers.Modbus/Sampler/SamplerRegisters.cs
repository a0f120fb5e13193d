using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Sampler;

namespace SmartCustoms.Drivers.Modbus.Sampler;

/// <summary>The sampler PLC's register map (CONTRACT.md, 0-based offsets) and its decoding. Pure.</summary>
internal static class SamplerRegisters
{
    /// <summary>Holding register 0: the command word.</summary>
    public const ushort Command = 0;

    /// <summary>Holding register 1: the command sequence the gateway writes; input register 1: the one the PLC accepted last.</summary>
    public const ushort Sequence = 1;

    /// <summary>Holding registers 2–3: increment id for the next cut (uint32, high word first).</summary>
    public const ushort IncrementId = 2;

    public const ushort FirstInput = 0;
    public const int InputCount = 10;
    public const ushort FirstDiscrete = 0;
    public const int DiscreteCount = 4;

    public static SamplerStatus Decode(ReadOnlySpan<ushort> inputs, ReadOnlySpan<bool> discretes, DateTimeOffset hostTime, long hostTimestamp)
    {
        if (inputs.Length < InputCount || discretes.Length < DiscreteCount)
        {
            throw new ProtocolException($"sampler map needs {InputCount} input registers and {DiscreteCount} discrete inputs, got {inputs.Length} and {discretes.Length}");
        }

        var state = inputs[0];
        if (state > (ushort)SamplerState.Local)
        {
            throw new ProtocolException($"sampler state register holds {state}, expected 0-4 (idle, cutting, returning, fault, local)");
        }

        return new SamplerStatus(
            State: (SamplerState)state,
            LastAcceptedCommandSequence: inputs[1],
            IncrementsCompleted: ((uint)inputs[2] << 16) | inputs[3],
            FaultCode: inputs[4],
            LastIncrementMassKg: inputs[5] / 10.0,
            LastIncrementId: ((uint)inputs[6] << 16) | inputs[7],
            BinFillPercent: inputs[8],
            Heartbeat: inputs[9],
            Ready: discretes[0],
            CutterHome: discretes[1],
            BinFull: discretes[2],
            BeltInterlockOk: discretes[3],
            HostTime: hostTime,
            HostTimestamp: hostTimestamp);
    }

    /// <summary>The next command sequence: one past what the gateway wrote last, never 0 and never what the PLC already acknowledged (that would look acknowledged at once).</summary>
    public static ushort NextSequence(ushort lastWritten, ushort lastAccepted)
    {
        var next = lastWritten;
        do
        {
            next = unchecked((ushort)(next + 1));
        }
        while (next == 0 || next == lastAccepted);

        return next;
    }
}
