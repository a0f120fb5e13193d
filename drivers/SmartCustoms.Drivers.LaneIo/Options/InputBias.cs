namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>The bias resistor of an input line.</summary>
public enum InputBias
{
    None,
    PullUp,
    PullDown,
}
