using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.BeltScale;
using SmartCustoms.Simulators.Camera;
using SmartCustoms.Simulators.Control;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Http;
using SmartCustoms.Simulators.Modbus;
using SmartCustoms.Simulators.Nir;
using SmartCustoms.Simulators.Radiation;
using SmartCustoms.Simulators.Sampler;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Hosting;

/// <summary>
/// A whole simulated lane in-process: the lane world, its clock, and the device simulators on their
/// real protocols — NIR spectrometer (SCPI/TCP), sampler PLC, belt scale and radiation monitor (Modbus
/// TCP), camera (MJPEG over HTTP) — plus the control/ground-truth HTTP API. Devices whose port is -1
/// are not run. Used by the gateway's <c>--simulate</c> mode, by scsim and by tests. Start with
/// <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/> (closes every socket and waits for
/// every loop).
/// <para>
/// <see cref="SwitchScenarioAsync"/> (also <c>POST /scenario</c>) ends the current run and starts a new
/// world on the same ports: connections drop as when devices reboot, lane time restarts at 0, injected
/// faults end. Read <see cref="World"/>, <see cref="Clock"/> and the device properties again after a
/// switch. Thread-safe.
/// </para>
/// </summary>
public sealed class SimulatedLane : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _switchGate = new(1, 1);
    private volatile LaneRun _run;
    private SimulatorHttpServer? _control;
    private int _disposed;

    private SimulatedLane(LaneRun run, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _run = run;
        _loggerFactory = loggerFactory;
        _time = time;
    }

    /// <summary>The settings of the current run, with the ports actually bound (a configured 0 shows as the free port found).</summary>
    public SimulatedLaneOptions Options => _run.Options;

    /// <summary>The ground truth: items, ore, lots, belt, increments cut.</summary>
    public LaneWorld World => _run.World;

    /// <summary>Lane time (seconds since the run started) on the monotonic clock.</summary>
    public LaneClock Clock => _run.Clock;

    /// <summary>Wall-clock time at lane time 0 (reports only).</summary>
    public DateTimeOffset StartedUtc => _run.StartedUtc;

    public NirSimulator Nir => _run.Nir;

    /// <summary>Where the NIR SCPI server listens (the actual port when 0 was configured).</summary>
    public IPEndPoint NirEndpoint => Nir.Endpoint;

    /// <summary>The sampler PLC's state machine (null when <see cref="SimulatedLaneOptions.SamplerPort"/> is -1).</summary>
    public SimulatedSampler? Sampler => _run.SamplerServer?.Model as SimulatedSampler;

    /// <summary>The sampler PLC's Modbus TCP server (null when off).</summary>
    public ModbusTcpServer? SamplerServer => _run.SamplerServer;

    public IPEndPoint? SamplerEndpoint => _run.SamplerServer?.Endpoint;

    public SimulatedBeltScale? Scale => _run.ScaleServer?.Model as SimulatedBeltScale;

    public ModbusTcpServer? ScaleServer => _run.ScaleServer;

    public IPEndPoint? ScaleEndpoint => _run.ScaleServer?.Endpoint;

    public SimulatedRadiationMonitor? Radiation => _run.RadiationServer?.Model as SimulatedRadiationMonitor;

    public ModbusTcpServer? RadiationServer => _run.RadiationServer;

    public IPEndPoint? RadiationEndpoint => _run.RadiationServer?.Endpoint;

    /// <summary>The camera (null when <see cref="SimulatedLaneOptions.CameraPort"/> is -1).</summary>
    public CameraSimulator? Camera => _run.Camera;

    /// <summary>Where the camera's HTTP server listens: <c>http://{CameraEndpoint}/stream.mjpg</c>.</summary>
    public IPEndPoint? CameraEndpoint => _run.Camera?.Endpoint;

    /// <summary>Where the control/ground-truth API listens (null when <see cref="SimulatedLaneOptions.ControlPort"/> is -1).</summary>
    public IPEndPoint? ControlEndpoint => _control?.Endpoint;

    /// <summary>Devices that can be faulted (those running: nir, sampler, scale, radiation, camera; and always cabinet, the I2C climate sensor, and laneio, the lane GPIO).</summary>
    public IReadOnlyCollection<string> FaultableDevices => _run.Faults.Keys;

    /// <summary>Starts the lane. Throws <see cref="ArgumentException"/> naming the key when the options are invalid.</summary>
    public static async Task<SimulatedLane> StartAsync(SimulatedLaneOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var time = timeProvider ?? TimeProvider.System;
        var run = await LaneRun.StartAsync(options.Copy(), loggerFactory, time, cancellationToken);
        var lane = new SimulatedLane(run, loggerFactory, time);
        if (options.ControlPort >= 0)
        {
            try
            {
                var api = new SimulatorControlApi(lane);
                lane._control = await SimulatorHttpServer.StartAsync(IPAddress.Parse(options.BindAddress), options.ControlPort, api.HandleAsync, cancellationToken);
            }
            catch
            {
                await lane.DisposeAsync();
                throw;
            }
        }

        return lane;
    }

    /// <summary>The world these options describe (scenario, brand, belt, device positions, seed).</summary>
    public static LaneWorld CreateWorld(SimulatedLaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var brand = string.IsNullOrWhiteSpace(options.Brand) ? null : OreBrands.Find(options.Brand);
        var scenario = LaneScenarios.Create(options.Scenario, brand);
        if (options.ItemsPerKm is { } rate)
        {
            scenario = scenario with { ItemsPerKm = rate };
        }

        var belt = new BeltOptions { NominalSpeedMps = options.BeltSpeedMps, WidthM = options.BeltWidthM, NominalFlowTph = options.FlowTph };
        var devices = new DevicePositions { CameraM = options.CameraPositionM, NirM = options.NirPositionM, SamplerM = options.SamplerPositionM, RadiationM = options.RadiationPositionM };
        return new LaneWorld(scenario, options.Seed, belt, devices);
    }

    /// <summary>The fault injector of a device (nir, sampler, scale, radiation, camera, cabinet); throws for devices not running.</summary>
    public DeviceFaultInjector Faults(string device) =>
        _run.Faults.TryGetValue(device, out var injector)
            ? injector
            : throw new ArgumentException($"Device '{device}' is not simulated in this lane; faultable: {string.Join(", ", _run.Faults.Keys)}.", nameof(device));

    /// <summary>The lane's discrete I/O as a <see cref="System.Device.Gpio.GpioDriver"/> for <c>new GpioController(driver)</c> (belt running, e-stop, encoder, stack light). The caller owns and disposes it; after a scenario switch create a new one.</summary>
    public Gpio.SimulatedLaneGpioDriver CreateGpioDriver(Gpio.LaneGpioPins? pins = null) => new(World, Clock, pins, Faults("laneio"));

    /// <summary>
    /// The cabinet climate sensor: a simulated SHT3x on I2C (bus <paramref name="busId"/>, address 0x44 or 0x45) as a
    /// <see cref="System.Device.I2c.I2cDevice"/> for <c>new Iot.Device.Sht3x.Sht3x(device)</c>, measuring
    /// <see cref="LaneWorld.Cabinet"/>; faults through <c>Faults("cabinet")</c> (disconnect, bad-crc). The caller owns
    /// and disposes it; after a scenario switch create a new one.
    /// </summary>
    public Climate.SimulatedSht3x CreateCabinetSensor(int busId = 1, int deviceAddress = Climate.SimulatedSht3x.DefaultAddress) =>
        new(World.Cabinet, Clock, Faults("cabinet"), busId, deviceAddress);

    /// <summary>Ground truth now: items loaded so far (and <paramref name="aheadS"/> seconds of belt beyond), sources, increments, faults.</summary>
    public TruthReport Truth(double aheadS = 0)
    {
        var run = _run;
        (run.SamplerServer?.Model as SimulatedSampler)?.Update();
        return TruthReportBuilder.Build(run.World, run.Clock.ElapsedSeconds, run.StartedUtc, run.Faults.Values, aheadS);
    }

    /// <summary>The lane at a glance.</summary>
    public LaneStatus Status()
    {
        var run = _run;
        double t = run.Clock.ElapsedSeconds;
        var w = run.World;
        var devices = new List<DeviceStatus>
        {
            Device("nir", "SCPI/TCP", run.Nir.Endpoint, run.Nir.IsListening, run.Nir.ConnectionCount, run.Nir.SpectraServed),
        };
        foreach (var server in new[] { run.SamplerServer, run.ScaleServer, run.RadiationServer })
        {
            if (server is not null)
            {
                devices.Add(Device(server.Device, "Modbus/TCP", server.Endpoint, server.IsListening, server.ConnectionCount, server.RequestsServed));
            }
        }

        if (run.Camera is { } camera)
        {
            devices.Add(Device("camera", "MJPEG/HTTP", camera.Endpoint, !camera.Faults.IsActive(DeviceFaultKind.Disconnect), camera.StreamClients, camera.FramesEncoded));
        }

        double cameraS = w.BeltTravelAt(t) - w.Devices.CameraM;
        var sampler = run.SamplerServer?.Model as SimulatedSampler;
        var radiation = run.RadiationServer?.Model as SimulatedRadiationMonitor;
        return new LaneStatus(
            w.Scenario.Name,
            w.Seed,
            t,
            w.Profile.SpeedAt(t),
            w.FlowAt(t),
            cameraS <= 0 ? 0 : w.ItemsBetween(0, cameraS).Count,
            sampler?.State,
            sampler?.IncrementsCompleted,
            radiation?.ReadingAt(t),
            devices);

        DeviceStatus Device(string name, string protocol, IPEndPoint endpoint, bool listening, int clients, long served) => new(
            name,
            protocol,
            endpoint.ToString(),
            listening,
            clients,
            served,
            [.. run.Faults[name].Snapshot().Select(f => string.Create(CultureInfo.InvariantCulture, $"{DeviceFaultKinds.WireName(f.Kind)}({f.Remaining.TotalSeconds:F0}s)"))]);
    }

    /// <summary>
    /// Ends the current run and starts scenario <paramref name="scenario"/> (optionally with a new seed)
    /// on the same ports. Throws <see cref="ArgumentException"/> for an unknown scenario.
    /// </summary>
    public async Task SwitchScenarioAsync(string scenario, int? seed, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        if (!LaneScenarios.IsKnown(scenario))
        {
            throw new ArgumentException($"Unknown scenario '{scenario}'. Known: {string.Join(", ", LaneScenarios.Names)}.", nameof(scenario));
        }

        await _switchGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var old = _run;
            var next = old.Options.Copy();
            next.Scenario = scenario;
            next.Seed = seed ?? next.Seed;
            await old.DisposeAsync();
            _run = await LaneRun.StartAsync(next, _loggerFactory, _time, CancellationToken.None);
        }
        finally
        {
            _switchGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_control is not null)
        {
            await _control.DisposeAsync();
        }

        await _switchGate.WaitAsync();
        try
        {
            await _run.DisposeAsync();
        }
        finally
        {
            _switchGate.Release();
        }
    }
}
