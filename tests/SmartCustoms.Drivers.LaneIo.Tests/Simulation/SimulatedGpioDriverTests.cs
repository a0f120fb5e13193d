using System.Device.Gpio;
using SmartCustoms.Drivers.LaneIo.Simulation;

namespace SmartCustoms.Drivers.LaneIo.Tests.Simulation;

/// <summary>The simulated driver behind the real <see cref="GpioController"/> behaves like a chip.</summary>
public class SimulatedGpioDriverTests
{
    [Fact]
    public void A_floating_input_reads_its_bias_and_a_driven_one_its_level()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(1, PinMode.InputPullUp);
        controller.OpenPin(2, PinMode.InputPullDown);

        Assert.Equal(PinValue.High, controller.Read(1));
        Assert.Equal(PinValue.Low, controller.Read(2));
        driver.DriveInput(1, PinValue.Low);
        Assert.Equal(PinValue.Low, controller.Read(1));
        driver.ReleaseInput(1);
        Assert.Equal(PinValue.High, controller.Read(1));
    }

    [Fact]
    public async Task WaitForEvent_through_the_controller_returns_on_the_requested_edge()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Input);

        var wait = Task.Run(() => controller.WaitForEvent(4, PinEventTypes.Rising, TimeSpan.FromSeconds(10)));
        // Falling edges do not end a wait for a rising one; keep toggling until the waiter has seen a rising edge.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!wait.IsCompleted && DateTime.UtcNow < deadline)
        {
            driver.DriveInput(4, PinValue.High);
            driver.DriveInput(4, PinValue.Low);
            await Task.Delay(5);
        }

        var result = await wait;
        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Rising, result.EventTypes);
    }

    [Fact]
    public void Injected_faults_surface_as_the_exceptions_a_real_driver_gives()
    {
        var driver = new SimulatedGpioDriver(pinCount: 8);
        using var controller = new GpioController(driver);
        driver.FailOpen(3, "held by another process");

        Assert.Contains("held by another process", Assert.Throws<IOException>(() => controller.OpenPin(3, PinMode.Output)).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => controller.OpenPin(8, PinMode.Input));

        controller.OpenPin(5, PinMode.Output);
        driver.FailWrites(5, "bus off");
        Assert.Throws<IOException>(() => controller.Write(5, PinValue.High));
        driver.FailWrites(5, null);
        controller.Write(5, PinValue.High);
        Assert.Equal(PinValue.High, driver.OutputLevel(5));
    }
}
