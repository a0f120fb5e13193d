namespace SmartCustoms.Drivers.LaneIo.Options;

/// <summary>The GPIO driver behind the lane I/O.</summary>
public enum LaneIoBoard
{
    /// <summary>The Linux GPIO character device through libgpiod (v1, else v2) on chip <c>Chip</c>.</summary>
    Gpiochip,

    /// <summary>The legacy sysfs interface (<c>/sys/class/gpio</c>); pin numbers are global GPIO numbers.</summary>
    Sysfs,

    /// <summary>What System.Device.Gpio picks for the board it runs on (its own board detection).</summary>
    Default,

    /// <summary>The in-process <c>SimulatedGpioDriver</c>, for tests and the gateway's simulate mode. Never hardware.</summary>
    Simulated,
}
