using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Events;
using SmartCustoms.Edge.Core.Observations;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>
/// Stands in for the gateway's device bridge and lane worker in the test host: feeds the core a moving belt
/// (a belt-scale reading every 100 ms), ticks it every 20 ms and stores what it decides, so the UI sees real
/// core snapshots and real stored events. <see cref="Contaminate"/> adds contaminated NIR spectra.
/// </summary>
internal sealed class TestLaneFeeder(LaneCore core, IEventStore store, TimeProvider time) : BackgroundService
{
    private const double SpeedMetresPerSecond = 5;
    private const double FlowTonnesPerHour = 3600;
    private volatile int _contaminate;
    private long _spectrumId;

    /// <summary>Sends <paramref name="spectra"/> contaminated spectra (plastic, p = 0.99) under the NIR from now on.</summary>
    public void Contaminate(int spectra) => Interlocked.Add(ref _contaminate, spectra);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var device in new[] { "scale", "camera", "nir", "radiation", "sampler" })
        {
            core.ReportDeviceHealth(new DeviceHealth(device, DeviceHealthState.Up, string.Empty, time.GetUtcNow()));
        }

        core.ReportSampler(new SamplerStatus(true, false, string.Empty));
        var totaliser = 1000.0;
        var lastScale = time.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20), time);
        var n = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetTimestamp();
            if (n++ % 5 == 0)
            {
                totaliser += FlowTonnesPerHour * time.GetElapsedTime(lastScale, now).TotalHours;
                lastScale = now;
                core.RecordScale(new BeltScaleReading(now, FlowTonnesPerHour, totaliser, SpeedMetresPerSecond));
                if (_contaminate > 0 && Interlocked.Decrement(ref _contaminate) >= 0)
                {
                    core.Observe(new SpectralObservation($"sp-{Interlocked.Increment(ref _spectrumId)}", now, "plastic", "plastic", 0.99, false, "test-model", null));
                }
            }

            core.Tick();
            foreach (var laneEvent in core.DrainEvents())
            {
                var data = JsonNode.Parse(LaneEventJson.SerializeData(laneEvent)) as JsonObject ?? [];
                data["event"] = laneEvent.Name;
                await store.AppendAsync(EventDraft.ForEvent(laneEvent.Type, data, laneEvent.LotId,
                    laneEvent.Type == LaneEventTypes.Alarm ? EventPriority.Critical : EventPriority.High), stoppingToken);
            }

            foreach (var command in core.DrainSamplerCommands())
            {
                // The simulated sampler acknowledges and cuts at once.
                core.ReportIncrementAcknowledged(command.IncrementId);
                core.ReportIncrementTaken(command.IncrementId, 12.5);
            }
        }
    }
}
