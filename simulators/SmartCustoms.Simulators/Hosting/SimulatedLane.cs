using System.Net;
using Microsoft.Extensions.Logging;
using SmartCustoms.Simulators.Faults;
using SmartCustoms.Simulators.Nir;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Hosting;

/// <summary>
/// A whole simulated lane in-process: the lane world, its clock, and the device simulators on their
/// real protocols (for now the NIR spectrometer). Used by the gateway's <c>--simulate</c> mode, by
/// scsim and by tests. Start with <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/>
/// (closes every socket and waits for every loop). Thread-safe.
/// </summary>
public sealed class SimulatedLane : IAsyncDisposable
{
    private readonly Dictionary<string, DeviceFaultInjector> _faults;

    private SimulatedLane(SimulatedLaneOptions options, LaneWorld world, LaneClock clock, NirSimulator nir, DeviceFaultInjector nirFaults)
    {
        Options = options;
        World = world;
        Clock = clock;
        Nir = nir;
        _faults = new Dictionary<string, DeviceFaultInjector>(StringComparer.OrdinalIgnoreCase) { ["nir"] = nirFaults };
    }

    public SimulatedLaneOptions Options { get; }

    /// <summary>The ground truth: items, ore, lots, belt.</summary>
    public LaneWorld World { get; }

    /// <summary>Lane time (seconds since start) on the monotonic clock.</summary>
    public LaneClock Clock { get; }

    public NirSimulator Nir { get; }

    /// <summary>Where the NIR SCPI server listens (the actual port when 0 was configured).</summary>
    public IPEndPoint NirEndpoint => Nir.Endpoint;

    /// <summary>Devices that can be faulted now (nir; the others come with their simulators).</summary>
    public IReadOnlyCollection<string> FaultableDevices => _faults.Keys;

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
        var brand = string.IsNullOrWhiteSpace(options.Brand) ? null : OreBrands.Find(options.Brand);
        var scenario = LaneScenarios.Create(options.Scenario, brand);
        if (options.ItemsPerKm is { } rate)
        {
            scenario = scenario with { ItemsPerKm = rate };
        }

        var belt = new BeltOptions { NominalSpeedMps = options.BeltSpeedMps, WidthM = options.BeltWidthM, NominalFlowTph = options.FlowTph };
        var devices = new DevicePositions { CameraM = options.CameraPositionM, NirM = options.NirPositionM, SamplerM = options.SamplerPositionM };
        var world = new LaneWorld(scenario, options.Seed, belt, devices);
        var clock = new LaneClock(time);
        var nirFaults = new DeviceFaultInjector("nir", time, world, clock);
        var nirOptions = new NirSimulatorOptions
        {
            BindAddress = IPAddress.Parse(options.BindAddress),
            Port = options.NirPort,
            LineRateHz = options.NirLineRateHz,
        };
        var instrument = new NirInstrument(world, clock, nirOptions, nirFaults);
        var nir = new NirSimulator(instrument, nirOptions, loggerFactory.CreateLogger<NirSimulator>(), time);
        try
        {
            await nir.StartAsync(cancellationToken);
        }
        catch
        {
            await nir.DisposeAsync();
            throw;
        }

        return new SimulatedLane(options, world, clock, nir, nirFaults);
    }

    /// <summary>The fault injector of a device (nir, …); throws for devices not simulated yet.</summary>
    public DeviceFaultInjector Faults(string device) =>
        _faults.TryGetValue(device, out var injector)
            ? injector
            : throw new ArgumentException($"Device '{device}' has no simulator yet; faultable: {string.Join(", ", _faults.Keys)}.", nameof(device));

    public async ValueTask DisposeAsync() => await Nir.DisposeAsync();
}
