using SmartCustoms.Drivers.Abstractions.Health;

namespace SmartCustoms.Edge.Health;

/// <summary>What <c>/readyz</c> answers: ready when every device is up (or degraded) and the broker is connected.</summary>
internal sealed class ReadinessReport(IEnumerable<IDeviceHealthSource> devices, IEnumerable<IReadinessCheck> checks)
{
    public ReadinessSnapshot Take()
    {
        var deviceStates = devices
            .Select(d => d.Health)
            .Select(h => new ReadinessItem(h.Device, h.State != DeviceHealthState.Down, h.State.ToString().ToLowerInvariant(), h.Reason, h.Since))
            .ToList();
        var otherStates = checks.Select(c => c.Check()).ToList();
        var all = deviceStates.Concat(otherStates).ToList();
        return new ReadinessSnapshot(all.All(i => i.Ready), all);
    }
}

/// <summary>Something besides a device that the gateway needs to be ready (e.g. the MQTT broker). Thread-safe.</summary>
internal interface IReadinessCheck
{
    ReadinessItem Check();
}

internal sealed record ReadinessItem(string Name, bool Ready, string State, string Reason, DateTimeOffset? Since);

internal sealed record ReadinessSnapshot(bool Ready, IReadOnlyList<ReadinessItem> Items);
