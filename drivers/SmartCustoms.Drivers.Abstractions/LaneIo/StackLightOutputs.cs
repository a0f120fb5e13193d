namespace SmartCustoms.Drivers.Abstractions.LaneIo;

/// <summary>The logical state of the stack light lamps and horn (true = lit / sounding).</summary>
public sealed record StackLightOutputs(bool Green, bool Amber, bool Red, bool Horn)
{
    /// <summary>Everything off: the state outputs are driven to when the lane I/O opens and when it closes.</summary>
    public static StackLightOutputs Off { get; } = new(false, false, false, false);
}
