using System.Device.Gpio;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Gpio;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Tests.Gpio;

/// <summary>The <c>laneio</c> disconnect fault: the simulated I/O board stops answering, then answers again.</summary>
public sealed class LaneGpioFaultTests
{
    [Fact]
    public void While_disconnected_every_read_and_write_fails_and_afterwards_they_work_again()
    {
        var world = new LaneWorld(LaneScenarios.Create(LaneScenarios.Clean), seed: 1);
        var clock = new LaneClock(TimeProvider.System);
        var faults = new DeviceFaultInjector("laneio", TimeProvider.System);
        using var gpio = new GpioController(new SimulatedLaneGpioDriver(world, clock, faults: faults));
        var pins = new LaneGpioPins();
        gpio.OpenPin(pins.BeltRunning, PinMode.Input);
        gpio.OpenPin(pins.StackRed, PinMode.Output);
        // The clean scenario's belt ramps up from standstill at lane time 0: wait until it runs.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (gpio.Read(pins.BeltRunning) != PinValue.High && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(PinValue.High, gpio.Read(pins.BeltRunning));

        faults.Inject(DeviceFaultKind.Disconnect, TimeSpan.FromMinutes(1));
        var read = Assert.Throws<IOException>(() => gpio.Read(pins.BeltRunning));
        Assert.Contains("does not answer", read.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => gpio.Write(pins.StackRed, PinValue.High));

        faults.Clear();
        Assert.Equal(PinValue.High, gpio.Read(pins.BeltRunning));
        gpio.Write(pins.StackRed, PinValue.High);
    }

    [Fact]
    public void Only_disconnect_applies_to_the_lane_gpio() =>
        Assert.Equal([DeviceFaultKind.Disconnect], DeviceFaultKinds.ApplicableTo("laneio"));
}
