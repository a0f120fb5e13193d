namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>Per input: the internal bias resistor. The e-stop defaults to pull-up so a broken wire reads high (active).</summary>
public sealed class LaneIoInputBias
{
    public InputBias BeltRunning { get; set; } = InputBias.PullUp;

    public InputBias EStop { get; set; } = InputBias.PullUp;

    public InputBias EncoderA { get; set; } = InputBias.PullUp;

    public InputBias Of(LaneSignal signal) => signal switch
    {
        LaneSignal.BeltRunning => BeltRunning,
        LaneSignal.EStop => EStop,
        LaneSignal.EncoderA => EncoderA,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not an input"),
    };
}
