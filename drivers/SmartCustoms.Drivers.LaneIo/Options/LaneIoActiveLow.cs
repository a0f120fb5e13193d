namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>
/// Per signal: true when a low level means active / on. Typical: opto-isolated inputs pull the pin low when the
/// 24 V side conducts; relay boards often switch on a low level.
/// </summary>
public sealed class LaneIoActiveLow
{
    public bool BeltRunning { get; set; }

    public bool EStop { get; set; }

    public bool EncoderA { get; set; }

    public bool StackGreen { get; set; }

    public bool StackAmber { get; set; }

    public bool StackRed { get; set; }

    public bool Horn { get; set; }

    public bool Of(LaneSignal signal) => signal switch
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
