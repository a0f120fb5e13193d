using System.Device.Gpio;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Tests.Support;

namespace SmartCustoms.Drivers.LaneIo.Tests.Outputs;

public class GpioLaneIoStackLightTests
{
    [Fact]
    public async Task Outputs_open_off_and_each_lamp_goes_to_its_own_pin()
    {
        await using var rig = new LaneIoRig();
        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.GreenPin));
        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.HornPin));

        rig.LaneIo.SetStackLight(new StackLightOutputs(Green: false, Amber: true, Red: false, Horn: true));

        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.GreenPin));
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.AmberPin));
        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.RedPin));
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.HornPin));
        Assert.Equal(new StackLightOutputs(false, true, false, true), rig.LaneIo.StackLight);
    }

    [Fact]
    public async Task Active_low_outputs_are_driven_low_when_on_and_high_when_off_from_the_moment_they_open()
    {
        await using var rig = new LaneIoRig(o =>
        {
            o.ActiveLow.StackRed = true;
            o.ActiveLow.Horn = true;
        });
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.RedPin));
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.HornPin));

        rig.LaneIo.SetStackLight(new StackLightOutputs(Green: false, Amber: false, Red: true, Horn: true));

        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.RedPin));
        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.HornPin));
        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.GreenPin));
    }

    [Fact]
    public async Task Disposing_switches_every_lamp_and_the_horn_off()
    {
        var rig = new LaneIoRig(o => o.ActiveLow.Horn = true);
        rig.LaneIo.SetStackLight(new StackLightOutputs(Green: false, Amber: false, Red: true, Horn: true));
        await rig.DisposeAsync();

        Assert.Equal(PinValue.Low, rig.Driver.OutputLevel(LaneIoRig.RedPin));
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.HornPin));
    }

    [Fact]
    public async Task A_failed_write_does_not_throw_marks_the_device_down_naming_the_pin_and_recovers_on_the_next_good_write()
    {
        await using var rig = new LaneIoRig();
        rig.Drive(LaneIoRig.EStopPin, high: false);
        rig.Run(10);
        Assert.Equal(DeviceHealthState.Up, rig.LaneIo.Health.State);

        rig.Driver.FailWrites(LaneIoRig.HornPin, "relay board unplugged");
        rig.LaneIo.SetStackLight(new StackLightOutputs(false, false, true, true));
        Assert.Equal(DeviceHealthState.Down, rig.LaneIo.Health.State);
        Assert.Contains("Horn pin 23 could not be written", rig.LaneIo.Health.Reason, StringComparison.Ordinal);
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.RedPin));

        rig.Driver.FailWrites(LaneIoRig.HornPin, null);
        rig.LaneIo.SetStackLight(new StackLightOutputs(false, false, true, true));
        Assert.Equal(DeviceHealthState.Up, rig.LaneIo.Health.State);
        Assert.Equal(PinValue.High, rig.Driver.OutputLevel(LaneIoRig.HornPin));
    }
}
