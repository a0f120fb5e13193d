namespace SmartCustoms.Drivers.Abstractions.LaneIo;

/// <summary>The lane's debounced digital inputs.</summary>
public enum LaneInput
{
    /// <summary>The discharge belt's motor contactor reports running.</summary>
    BeltRunning,

    /// <summary>An emergency stop on the lane is pressed (or its circuit is broken).</summary>
    EStop,
}
