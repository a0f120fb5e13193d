namespace SmartCustoms.Drivers.Abstractions.Health;

/// <summary>Health of one device as the lane sees it.</summary>
public enum DeviceHealthState
{
    /// <summary>Answering and delivering valid data.</summary>
    Up,

    /// <summary>Answering, but with a problem the operator should know about (stale calibration, saturation, slow replies).</summary>
    Degraded,

    /// <summary>Not answering, or answering with nothing usable, for N consecutive attempts.</summary>
    Down,
}
