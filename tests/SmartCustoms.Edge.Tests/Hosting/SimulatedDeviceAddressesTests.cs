using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Camera;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Edge.Hosting;
using SimulatorOptions = SmartCustoms.Simulators.Hosting.SimulatedLaneOptions;

namespace SmartCustoms.Edge.Tests.Hosting;

public sealed class SimulatedDeviceAddressesTests
{
    [Fact]
    public void Camera_is_pointed_at_the_simulated_camera_stream()
    {
        var addresses = new SimulatedDeviceAddresses(Options.Create(new SimulatorOptions { BindAddress = "127.0.0.1", CameraPort = 18081 }));
        var camera = new CameraOptions { Source = CameraSourceKind.V4l2, Url = "http://elsewhere/x", SnapshotUrl = "http://elsewhere/s.jpg" };

        addresses.PostConfigure(null, camera);

        Assert.Equal(CameraSourceKind.Mjpeg, camera.Source);
        Assert.Equal("http://127.0.0.1:18081/stream.mjpg", camera.Url);
        Assert.Equal(string.Empty, camera.SnapshotUrl);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_camera_port_that_is_not_fixed_is_refused_naming_the_key(int port)
    {
        var addresses = new SimulatedDeviceAddresses(Options.Create(new SimulatorOptions { CameraPort = port }));

        var error = Assert.Throws<OptionsValidationException>(() => addresses.PostConfigure(null, new CameraOptions()));

        Assert.Contains("Simulator:CameraPort must be a fixed port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lane_io_runs_enabled_on_the_simulated_board_with_the_default_pin_map()
    {
        var addresses = new SimulatedDeviceAddresses(Options.Create(new SimulatorOptions { BeltSpeedMps = 4.5 }));
        var laneIo = new LaneIoOptions();

        addresses.PostConfigure(null, laneIo);

        Assert.True(laneIo.Enabled);
        Assert.Equal(LaneIoBoard.Simulated, laneIo.Board);
        Assert.Equal(27, laneIo.Pins.EStop);
        Assert.Equal(13, laneIo.Pins.StackGreen);
        Assert.Equal(4.5, laneIo.Simulation.BeltSpeedMetresPerSecond);
    }

    [Fact]
    public void Configured_lane_io_pins_are_kept()
    {
        var addresses = new SimulatedDeviceAddresses(Options.Create(new SimulatorOptions()));
        var laneIo = new LaneIoOptions { Pins = new LaneIoPinMap { EStop = 4 } };

        addresses.PostConfigure(null, laneIo);

        Assert.Equal(4, laneIo.Pins.EStop);
        Assert.Null(laneIo.Pins.StackGreen);
    }
}
