using Microsoft.Extensions.Options;
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
/// built, so changing a simulator setting needs one setting, not two.
/// </summary>
internal sealed class SimulatedDeviceAddresses(IOptions<SimulatedLaneOptions> simulator) :
    IPostConfigureOptions<SpectrometerOptions>,
    IPostConfigureOptions<ModbusSamplerOptions>,
    IPostConfigureOptions<ModbusBeltScaleOptions>,
    IPostConfigureOptions<ModbusRadiationMonitorOptions>,
    IPostConfigureOptions<LaneGeometryOptions>
{
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

    private SimulatedLaneOptions Lane => simulator.Value;

    private void Point(ModbusDeviceOptions options, int port, string key)
    {
        options.Host = Lane.BindAddress;
        options.Port = FixedPort(port, key);
    }

    private static int FixedPort(int port, string key) =>
        port != 0
            ? port
            // A free port is only known once the simulator listens; the driver cannot follow it.
            : throw new OptionsValidationException(SimulatedLaneOptions.SectionName + ":" + key, typeof(SimulatedLaneOptions),
                [$"{SimulatedLaneOptions.SectionName}:{key} must be a fixed port (1-65535) when the gateway runs with --simulate, got 0"]);
}
