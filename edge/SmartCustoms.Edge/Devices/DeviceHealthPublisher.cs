using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Devices;

/// <summary>
/// Turns every device's health changes into log lines and retained <c>device/{device}/state</c> events.
/// Health handlers run on driver threads and must not block, so changes go through a queue that is never
/// bounded below what a handful of devices can produce.
/// </summary>
internal sealed partial class DeviceHealthPublisher(
    IEnumerable<IDeviceHealthSource> devices,
    IEventStore store,
    ILogger<DeviceHealthPublisher> logger) : BackgroundService
{
    private readonly Channel<DeviceHealth> _changes = Channel.CreateUnbounded<DeviceHealth>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<IDeviceHealthSource> _devices = devices.ToList();

    /// <summary>Publishes the current state of every device again (the <c>republish</c> command).</summary>
    public void RepublishAll()
    {
        foreach (var device in _devices)
        {
            _changes.Writer.TryWrite(device.Health);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var device in _devices)
        {
            device.HealthChanged += OnHealthChanged;
        }

        // Retained state exists from the start: a subscriber sees every device, "down: not connected yet" included.
        RepublishAll();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var device in _devices)
        {
            device.HealthChanged -= OnHealthChanged;
        }

        _changes.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var health in _changes.Reader.ReadAllAsync(stoppingToken))
            {
                await store.AppendAsync(EventDraft.ForDeviceState(health.Device, ToJson(health)), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal static JsonObject ToJson(DeviceHealth health) => new()
    {
        ["device"] = health.Device,
        ["state"] = health.State.ToString().ToLowerInvariant(),
        ["reason"] = health.Reason,
        ["since"] = health.Since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

    private void OnHealthChanged(object? sender, DeviceHealth health)
    {
        switch (health.State)
        {
            case DeviceHealthState.Down:
                LogDown(logger, health.Device, health.Reason);
                break;
            case DeviceHealthState.Degraded:
                LogDegraded(logger, health.Device, health.Reason);
                break;
            default:
                LogUp(logger, health.Device);
                break;
        }

        _changes.Writer.TryWrite(health);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Device {Device} is DOWN: {Reason}")]
    private static partial void LogDown(ILogger logger, string device, string reason);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Device {Device} is DEGRADED: {Reason}")]
    private static partial void LogDegraded(ILogger logger, string device, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Device {Device} is UP")]
    private static partial void LogUp(ILogger logger, string device);
}
