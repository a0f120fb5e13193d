using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.LaneIo.Options;

namespace SmartCustoms.Drivers.LaneIo.Gpio;

/// <summary>Creates the <see cref="GpioController"/> for the configured board (hardware kinds only).</summary>
public static class GpioControllerFactory
{
    /// <summary>Throws when the driver cannot be loaded (no libgpiod, no /sys/class/gpio, no such chip).</summary>
    public static GpioController ForBoard(LaneIoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Board switch
        {
            LaneIoBoard.Gpiochip => new GpioController(Libgpiod(options.Chip)),
            LaneIoBoard.Sysfs => new GpioController(new SysFsDriver()),
            LaneIoBoard.Default => new GpioController(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Board,
                "the simulated board is created by AddLaneIo, not by the hardware factory"),
        };
    }

    // libgpiod 1.x (Debian bookworm's libgpiod2 package) is the common case; 2.x (libgpiod3) is newer.
    private static GpioDriver Libgpiod(int chip)
    {
        try
        {
            return new LibGpiodDriver(chip);
        }
        catch (Exception v1) when (v1 is PlatformNotSupportedException or GpiodException or DllNotFoundException or IOException)
        {
            try
            {
                return new LibGpiodV2Driver(chip);
            }
            catch (Exception v2) when (v2 is PlatformNotSupportedException or GpiodException or DllNotFoundException or IOException)
            {
                throw new DeviceException(FormattableString.Invariant(
                    $"gpiochip{chip} could not be opened through libgpiod (v1: {v1.Message}; v2: {v2.Message})"), v2);
            }
        }
    }
}
