using System.Globalization;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Camera;
using LaneIoBoard = SmartCustoms.Drivers.LaneIo.Options.LaneIoBoard;
using LaneIoOptions = SmartCustoms.Drivers.LaneIo.Options.LaneIoOptions;
using LaneIoPinMap = SmartCustoms.Drivers.LaneIo.Options.LaneIoPinMap;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Devices;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Sampler;
using SmartCustoms.Drivers.Spectrometer;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// With <c>--simulate</c> the drivers talk to the simulated devices over the real protocols: this points each
/// driver at its simulator's configured address, and lays the lane geometry out as the simulated lane is
/// built, so changing a simulator setting needs one setting, not two. The lane I/O runs on the driver's own
/// simulated board (<c>Board = simulated</c>) with <see cref="SimulatedPins"/> unless pins are configured.
/// </summary>
internal sealed class SimulatedDeviceAddresses(IOptions<SimulatedLaneOptions> simulator) :
    IPostConfigureOptions<SpectrometerOptions>,
    IPostConfigureOptions<ModbusSamplerOptions>,
    IPostConfigureOptions<ModbusBeltScaleOptions>,
    IPostConfigureOptions<ModbusRadiationMonitorOptions>,
    IPostConfigureOptions<LaneGeometryOptions>,
    IPostConfigureOptions<CameraOptions>,
    IPostConfigureOptions<LaneIoOptions>
{
    /// <summary>The pin map of the simulated lane I/O (the same line numbers as the simulator's <c>LaneGpioPins</c>).</summary>
    public static LaneIoPinMap SimulatedPins => new()
    {
        BeltRunning = 17, EStop = 27, EncoderA = 22, StackRed = 5, StackAmber = 6, StackGreen = 13, Horn = 19,
    };

    public void PostConfigure(string? name, SpectrometerOptions options)
    {
        options.Transport = SpectrometerTransport.Tcp;
        options.Host = Lane.BindAddress;
        options.Port = FixedPort(Lane.NirPort, "NirPort");
    }

    public void PostConfigure(string? name, ModbusSamplerOptions options) => Point(options, Lane.SamplerPort, "SamplerPort");

    public void PostConfigure(string? name, ModbusBeltScaleOptions options) => Point(options, Lane.ScalePort, "ScalePort");

    public void PostConfigure(string? name, ModbusRadiationMonitorOptions options) => Point(options, Lane.RadiationPort, "RadiationPort");

    public void PostConfigure(string? name, LaneGeometryOptions options)
    {
        // The simulated belt scale weighs at the head of the belt (0 m).
        options.ScaleMetres = 0;
        options.CameraMetres = Lane.CameraPositionM;
        options.NirMetres = Lane.NirPositionM;
        options.RadiationMetres = Lane.RadiationPositionM;
        options.CutterMetres = Lane.SamplerPositionM;
        options.BeltWidthMetres = Lane.BeltWidthM;
    }

    public void PostConfigure(string? name, CameraOptions options)
    {
        options.Source = CameraSourceKind.Mjpeg;
        options.Url = string.Create(CultureInfo.InvariantCulture, $"http://{(Lane.BindAddress.Contains(':', StringComparison.Ordinal) ? "[" + Lane.BindAddress + "]" : Lane.BindAddress)}:{FixedPort(Lane.CameraPort, "CameraPort")}/stream.mjpg");
        options.SnapshotUrl = string.Empty;
    }

    public void PostConfigure(string? name, LaneIoOptions options)
    {
        options.Enabled = true;
        options.Board = LaneIoBoard.Simulated;
        if (options.Pins.EStop is null)
        {
            options.Pins = SimulatedPins;
        }

        // The simulated belt runs at the simulator's nominal speed; the scale stays the lane's speed source.
        options.Simulation.BeltSpeedMetresPerSecond = Lane.BeltSpeedMps;
    }

    private SimulatedLaneOptions Lane => simulator.Value;

    private void Point(ModbusDeviceOptions options, int port, string key)
    {
        options.Host = Lane.BindAddress;
        options.Port = FixedPort(port, key);
    }

    private static int FixedPort(int port, string key) =>
        port is > 0 and <= 65535
            ? port
            // A free port is only known once the simulator listens; the driver cannot follow it.
            : throw new OptionsValidationException(SimulatedLaneOptions.SectionName + ":" + key, typeof(SimulatedLaneOptions),
                [$"{SimulatedLaneOptions.SectionName}:{key} must be a fixed port (1-65535) when the gateway runs with --simulate, got {port}"]);
}
