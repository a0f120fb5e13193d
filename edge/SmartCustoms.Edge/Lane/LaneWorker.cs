using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Sampling;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Lane;

/// <summary>
/// Drives the lane core: ticks it, stores every event it produces (in order, durably) and sends the
/// sampler the cuts it asks for, reporting each outcome back. The core itself does no I/O.
/// </summary>
internal sealed partial class LaneWorker(
    LaneCore core,
    IEventStore store,
    ISampler sampler,
    Evidence.LaneEvidenceRecorder evidence,
    IOptions<LaneHostOptions> options,
    TimeProvider time,
    ILogger<LaneWorker> logger) : BackgroundService
{
    private readonly TimeSpan _tick = options.Value.TickInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                core.Tick();
                await StoreEventsAsync(stoppingToken);
                foreach (var command in core.DrainSamplerCommands())
                {
                    _ = SendToSamplerAsync(command, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // What the core produced before the stop is still stored.
        await StoreEventsAsync(CancellationToken.None);
    }

    private async Task StoreEventsAsync(CancellationToken cancellationToken)
    {
        foreach (var laneEvent in core.DrainEvents())
        {
            foreach (var draft in LaneEventDrafts.From(laneEvent, await evidence.SaveLaneEventAsync(laneEvent, cancellationToken)))
            {
                await store.AppendAsync(draft, cancellationToken);
            }
        }
    }

    private async Task SendToSamplerAsync(TakeIncrementCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var result = await sampler.TakeIncrementAsync(command.IncrementId, cancellationToken);
            if (result.IsAccepted)
            {
                core.ReportIncrementAcknowledged(command.IncrementId);
                LogCutAccepted(logger, command.IncrementId, command.Reason, result.Elapsed);
            }
            else
            {
                core.ReportIncrementFailed(command.IncrementId, $"sampler {result.Outcome.ToString().ToLowerInvariant()}: {result.Reason}");
                LogCutFailed(logger, command.IncrementId, result.Outcome, result.Reason);
            }
        }
        catch (DeviceException ex)
        {
            core.ReportIncrementFailed(command.IncrementId, "sampler unreachable: " + ex.Message);
            LogCutError(logger, command.IncrementId, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            core.ReportIncrementFailed(command.IncrementId, "gateway stopping");
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Sampler accepted increment {IncrementId} ({Reason}) after {Elapsed}")]
    private static partial void LogCutAccepted(ILogger logger, uint incrementId, IncrementReason reason, TimeSpan elapsed);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Sampler did not take increment {IncrementId}: {Outcome}: {Reason}")]
    private static partial void LogCutFailed(ILogger logger, uint incrementId, SamplerCommandOutcome outcome, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Sampler unreachable for increment {IncrementId}: {Reason}")]
    private static partial void LogCutError(ILogger logger, uint incrementId, string reason);
}
