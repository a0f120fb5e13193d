using System.Globalization;
using CameraThroughput;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Drivers.Benchmarks;

/// <summary>
/// The child side (<c>serve --nir-rate HZ</c>): the lane simulator's NIR (SCPI/TCP) and belt scale (Modbus/TCP) on
/// free loopback ports, and an MJPEG server sending 1280x720 JPEGs as fast as they are read (the camera simulator
/// paces itself at 25 fps, which would measure the simulator, not the reader). Prints <c>READY …</c>, serves until
/// stdin closes.
/// </summary>
internal static class DeviceServers
{
    public static async Task<int> ServeAsync(string[] args)
    {
        var rate = args.Length == 2 && args[0] == "--nir-rate" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var options = new SimulatedLaneOptions
        {
            NirPort = 0,
            NirLineRateHz = rate,
            ScalePort = 0,
            SamplerPort = -1,
            RadiationPort = -1,
            CameraPort = -1,
            ControlPort = -1,
        };
        await using var lane = await SimulatedLane.StartAsync(options, NullLoggerFactory.Instance, CancellationToken.None);

        // Textured images (noise, blur, shapes) so they compress and decode like a scene, not a flat test card.
        await using var camera = new SyntheticCamera(SyntheticCamera.MakeJpegs(8, 1280, 720), fps: 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"READY nir={lane.NirEndpoint.Port} scale={lane.ScaleEndpoint!.Port} camera={camera.StreamUri}"));
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
