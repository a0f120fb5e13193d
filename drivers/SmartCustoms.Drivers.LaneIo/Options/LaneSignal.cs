namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>Every signal of the lane I/O; the names are the configuration keys under <c>Pins</c> and <c>ActiveLow</c>.</summary>
public enum LaneSignal
{
    BeltRunning,
    EStop,
    EncoderA,
    StackGreen,
    StackAmber,
    StackRed,
    Horn,
}
