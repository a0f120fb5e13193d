using System.Net;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.BeltScale;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.Nir;
using SmartCustoms.Simulators.Radiation;
using SmartCustoms.Simulators.Sampler;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Hosting;

/// <summary>
/// One run of the lane: a world built from the options, its clock, and every device server. A scenario
/// switch ends the run and starts a new one on the same ports. Thread-safe.
/// </summary>
internal sealed class LaneRun : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _servers;

    private LaneRun(SimulatedLaneOptions options, LaneWorld world, LaneClock clock, DateTimeOffset startedUtc, Dictionary<string, DeviceFaultInjector> faults, List<IAsyncDisposable> servers, NirSimulator nir)
    {
        Options = options;
        World = world;
        Clock = clock;
        StartedUtc = startedUtc;
        Faults = faults;
        _servers = servers;
        Nir = nir;
    }

    /// <summary>The options of this run with the ports actually bound (0 replaced by the free port found).</summary>
    public SimulatedLaneOptions Options { get; }

    public LaneWorld World { get; }

    public LaneClock Clock { get; }

    /// <summary>Wall-clock time at lane time 0 (for reports only; the lane runs on the monotonic clock).</summary>
    public DateTimeOffset StartedUtc { get; }

    public Dictionary<string, DeviceFaultInjector> Faults { get; }

    public NirSimulator Nir { get; }

    public ModbusTcpServer? SamplerServer { get; private init; }

    public ModbusTcpServer? ScaleServer { get; private init; }

    public ModbusTcpServer? RadiationServer { get; private init; }

    public CameraSimulator? Camera { get; private init; }

    public static async Task<LaneRun> StartAsync(SimulatedLaneOptions options, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var world = SimulatedLane.CreateWorld(options);
        var clock = new LaneClock(time);
        var startedUtc = time.GetUtcNow();
        var bind = IPAddress.Parse(options.BindAddress);
        var faults = new Dictionary<string, DeviceFaultInjector>(StringComparer.OrdinalIgnoreCase);
        DeviceFaultInjector Injector(string device) => faults[device] = new DeviceFaultInjector(device, time, world, clock);

        // The cabinet climate sensor has no server: sensors are made on demand (SimulatedLane.CreateCabinetSensor) and share these faults.
        Injector("cabinet");

        // Nor has the lane's GPIO: drivers are made on demand (SimulatedLane.CreateGpioDriver) and share these faults.
        Injector("laneio");
        var servers = new List<IAsyncDisposable>();
        try
        {
            var nirOptions = new NirSimulatorOptions { BindAddress = bind, Port = options.NirPort, LineRateHz = options.NirLineRateHz, TestSourceSpectra = options.NirTestSourceSpectra };
            var instrument = new NirInstrument(world, clock, nirOptions, Injector("nir"));
            if (!string.IsNullOrWhiteSpace(options.NirReplayFile))
            {
                instrument.Replay = ReplaySpectra.Load(options.NirReplayFile, instrument.WavelengthGridNm);
            }

            var nir = new NirSimulator(instrument, nirOptions, loggerFactory.CreateLogger<NirSimulator>(), time);
            servers.Add(nir);
            await nir.StartAsync(cancellationToken);

            var modbusLogger = loggerFactory.CreateLogger<ModbusTcpServer>();
            async Task<ModbusTcpServer?> StartModbus(string device, int port, Func<DeviceFaultInjector, IModbusDataModel> model)
            {
                if (port < 0)
                {
                    return null;
                }

                var injector = Injector(device);
                var server = new ModbusTcpServer(device, model(injector), new ModbusServerOptions { BindAddress = bind, Port = port, UnitId = (byte)options.ModbusUnitId }, injector, modbusLogger, time);
                servers.Add(server);
                await server.StartAsync(cancellationToken);
                return server;
            }

            var sampler = await StartModbus("sampler", options.SamplerPort, f => new SimulatedSampler(world, clock, f));
            var scale = await StartModbus("scale", options.ScalePort, f => new SimulatedBeltScale(world, clock, f));
            var radiation = await StartModbus("radiation", options.RadiationPort, f => new SimulatedRadiationMonitor(world, clock, f, new RadiationMonitorOptions { BackgroundNSvH = options.RadiationBackgroundNSvH }));

            CameraSimulator? camera = null;
            if (options.CameraPort >= 0)
            {
                var cameraOptions = new CameraSimulatorOptions { BindAddress = bind, Port = options.CameraPort, Fps = options.CameraFps };
                ICameraFrameSource source = string.IsNullOrWhiteSpace(options.CameraReplayFile)
                    ? new BeltSceneRenderer(world, cameraOptions)
                    : new VideoFileFrameSource(options.CameraReplayFile);
                camera = new CameraSimulator(source, clock, cameraOptions, Injector("camera"), loggerFactory.CreateLogger<CameraSimulator>());
                servers.Add(camera);
                await camera.StartAsync(cancellationToken);
            }

            var effective = options.Copy();
            effective.NirPort = nir.Endpoint.Port;
            effective.SamplerPort = sampler?.Endpoint.Port ?? -1;
            effective.ScalePort = scale?.Endpoint.Port ?? -1;
            effective.RadiationPort = radiation?.Endpoint.Port ?? -1;
            effective.CameraPort = camera?.Endpoint.Port ?? -1;
            return new LaneRun(effective, world, clock, startedUtc, faults, servers, nir)
            {
                SamplerServer = sampler,
                ScaleServer = scale,
                RadiationServer = radiation,
                Camera = camera,
            };
        }
        catch
        {
            await DisposeAllAsync(servers);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await DisposeAllAsync(_servers);

    private static async Task DisposeAllAsync(List<IAsyncDisposable> servers)
    {
        for (int i = servers.Count - 1; i >= 0; i--)
        {
            await servers[i].DisposeAsync();
        }
    }
}
