using System.Device.Gpio;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.LaneIo.Gpio;
using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Health;

public class GpioLaneIoHealthTests
{
    [Fact]
    public async Task All_pins_open_and_the_e_stop_released_is_up()
    {
        await using var rig = new LaneIoRig();
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Run(10);
        Assert.Equal(DeviceHealthState.Up, rig.LaneIo.Health.State);
        Assert.Equal("laneio", rig.LaneIo.Health.Device);
    }

    [Fact]
    public async Task A_stack_light_pin_that_cannot_be_opened_is_named_the_rest_works_and_it_is_retried_after_the_reopen_interval()
    {
        await using var rig = new LaneIoRig(open: false);
        var changes = new List<DeviceHealth>();
        rig.LaneIo.HealthChanged += (_, h) => changes.Add(h);
        rig.Driver.FailOpen(LaneIoRig.RedPin, "Device or resource busy");
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.LaneIo.Open();
        rig.Run(10);

        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);
        Assert.Equal("StackRed pin 22 could not be opened: simulated: cannot open line 22: Device or resource busy", rig.LaneIo.Health.Reason);
        Assert.False(rig.LaneIo.Inputs.EStopActive);
        rig.LaneIo.SetStackLight(new(true, false, true, false));
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.GreenPin));
        Assert.Null(rig.Driver.OutputLevel(LaneIoRig.RedPin));

        rig.Driver.FailOpen(LaneIoRig.RedPin, null);
        rig.Run(10);
        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);

        rig.Time.Advance(rig.Options.ReopenInterval);
        rig.Run(1);
        Assert.Equal(DeviceHealthState.Up, rig.LaneIo.Health.State);
        // The reopened output starts at the state last commanded.
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.RedPin));
        Assert.Contains(changes, h => h.State == DeviceHealthState.Up);
    }

    [Fact]
    public async Task Several_failed_pins_are_all_named()
    {
        await using var rig = new LaneIoRig(open: false);
        rig.Driver.FailOpen(LaneIoRig.EncoderPin, "busy");
        rig.Driver.FailOpen(LaneIoRig.HornPin, "busy");
        rig.LaneIo.Open();

        Assert.Contains("EncoderA pin 13", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
        Assert.Contains("Horn pin 23", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
        Assert.False(rig.LaneIo.HasEncoder);
    }

    [Fact]
    public async Task A_pin_number_the_chip_does_not_have_is_reported_not_thrown()
    {
        await using var rig = new LaneIoRig(o => o.Pins.Horn = 99);
        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);
        Assert.Contains("Horn pin 99 could not be opened", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_driver_that_cannot_be_loaded_marks_the_device_down_keeps_the_e_stop_fail_safe_and_is_retried()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var driver = new SmartCustoms.Drivers.LaneIo.Simulation.SimulatedGpioDriver();
        var attempts = 0;
        var options = LaneIoRig.Default();
        await using var laneIo = new GpioLaneIo(
            options,
            () => ++attempts == 1 ? throw new PlatformNotSupportedException("Libgpiod driver not installed") : new GpioController(driver),
            null,
            time);
        laneIo.Open();
        laneIo.SampleInputs();

        Assert.Equal(DeviceHealthState.Down, laneIo.Health.State);
        Assert.Equal("GPIO driver 'simulated' could not be opened: Libgpiod driver not installed", laneIo.Health.Reason);
        Assert.True(laneIo.Inputs.EStopActive);
        Assert.True(laneIo.Inputs.EStopFailSafe);
        laneIo.SetStackLight(new(false, false, true, true));

        driver.DriveInput(LaneIoRig.EStopPin, PinValue.Low);
        time.Advance(options.ReopenInterval);
        for (var i = 0; i < 10; i++)
        {
            laneIo.SampleInputs();
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        Assert.Equal(2, attempts);
        Assert.Equal(DeviceHealthState.Up, laneIo.Health.State);
        Assert.False(laneIo.Inputs.EStopActive);
        Assert.Equal(PinValue.High, driver.OutputLevel(LaneIoRig.RedPin));
    }
}
