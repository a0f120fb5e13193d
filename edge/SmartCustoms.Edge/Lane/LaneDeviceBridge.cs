using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Edge.Core;
using CoreObservations = SmartCustoms.Edge.Core.Observations;

namespace SmartCustoms.Edge.Lane;

/// <summary>
/// Feeds the lane core from the devices: belt-scale readings move the belt, radiation readings land on the
/// belt, sampler status tells the planner whether it may cut and which cuts were completed, device health
/// raises "device down during a lot". Handlers run on the drivers' polling threads; the core is thread-safe.
/// </summary>
internal sealed class LaneDeviceBridge(
    LaneCore core,
    IBeltScale scale,
    IRadiationMonitor radiation,
    ISampler sampler,
    IEnumerable<IDeviceHealthSource> devices) : IHostedService
{
    private readonly List<IDeviceHealthSource> _devices = devices.ToList();
    private readonly object _samplerGate = new();
    private bool _samplerSeen;
    private uint _incrementsCompleted;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        scale.ReadingReceived += OnScale;
        radiation.ReadingReceived += OnRadiation;
        sampler.StatusReceived += OnSampler;
        foreach (var device in _devices)
        {
            device.HealthChanged += OnHealth;
            core.ReportDeviceHealth(device.Health);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        scale.ReadingReceived -= OnScale;
        radiation.ReadingReceived -= OnRadiation;
        sampler.StatusReceived -= OnSampler;
        foreach (var device in _devices)
        {
            device.HealthChanged -= OnHealth;
        }

        return Task.CompletedTask;
    }

    internal static CoreObservations.SamplerStatus ToCore(SamplerStatus status)
    {
        var busy = status.State is SamplerState.Cutting or SamplerState.Returning;
        var problem = status.State switch
        {
            SamplerState.Fault => $"sampler fault code {status.FaultCode}",
            SamplerState.Local => "sampler in local/maintenance mode",
            _ when status.BinFull => "sample bin full",
            _ when !status.BeltInterlockOk => "belt interlock not OK",
            _ when !status.Ready && !busy => "sampler not ready",
            _ => string.Empty,
        };
        return new CoreObservations.SamplerStatus(problem.Length == 0, busy, problem);
    }

    private void OnScale(object? sender, BeltScaleReading reading) =>
        core.RecordScale(new CoreObservations.BeltScaleReading(
            reading.HostTimestamp, reading.FlowTonnesPerHour, reading.TotaliserTonnes,
            reading.Running ? reading.BeltSpeedMetresPerSecond : 0.0));

    private void OnRadiation(object? sender, RadiationReading reading) =>
        core.Observe(new CoreObservations.RadiationReading(
            reading.HostTimestamp,
            reading.DoseRateNanosievertPerHour,
            reading.AlarmState switch
            {
                RadiationAlarmState.Alarm => CoreObservations.RadiationLevel.Alarm,
                RadiationAlarmState.Warning => CoreObservations.RadiationLevel.Warning,
                _ => CoreObservations.RadiationLevel.Normal,
            }));

    private void OnSampler(object? sender, SamplerStatus status)
    {
        lock (_samplerGate)
        {
            if (!_samplerSeen)
            {
                // Increment ids continue after the PLC's last one, so a gateway restart never repeats an id.
                core.ResumeIncrementIds(status.LastIncrementId + 1);
                _incrementsCompleted = status.IncrementsCompleted;
                _samplerSeen = true;
            }
            else if (status.IncrementsCompleted != _incrementsCompleted)
            {
                _incrementsCompleted = status.IncrementsCompleted;
                core.ReportIncrementTaken(status.LastIncrementId, status.LastIncrementMassKg);
            }
        }

        core.ReportSampler(ToCore(status));
    }

    private void OnHealth(object? sender, DeviceHealth health) => core.ReportDeviceHealth(health);
}
