namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>Line numbers of the lane signals; null = not wired.</summary>
public sealed class LaneIoPinMap
{
    public int? BeltRunning { get; set; }

    public int? EStop { get; set; }

    public int? EncoderA { get; set; }

    public int? StackGreen { get; set; }

    public int? StackAmber { get; set; }

    public int? StackRed { get; set; }

    public int? Horn { get; set; }

    /// <summary>The configured pin of a signal.</summary>
    public int? Of(LaneSignal signal) => signal switch
    {
        LaneSignal.BeltRunning => BeltRunning,
        LaneSignal.EStop => EStop,
        LaneSignal.EncoderA => EncoderA,
        LaneSignal.StackGreen => StackGreen,
        LaneSignal.StackAmber => StackAmber,
        LaneSignal.StackRed => StackRed,
        LaneSignal.Horn => Horn,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };
}
