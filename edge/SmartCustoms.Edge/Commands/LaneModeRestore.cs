using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core;
using SmartCustoms.Edge.Core.Mode;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// At start, puts the lane back in the mode saved by <c>set-mode</c> (<see cref="LaneModeFile"/>): a lane left in
/// maintenance stays in maintenance across a restart until someone switches it to run. When it restores
/// maintenance it republishes the lane state (the first online state may have gone out before). A damaged file
/// is reported and the lane runs (never a failed start).
/// </summary>
internal sealed partial class LaneModeRestore(
    LaneCore core,
    LaneModeFile file,
    LaneModeStateDetails details,
    IEventStore store,
    IOptions<MqttOptions> mqtt,
    TimeProvider time,
    ILogger<LaneModeRestore> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LaneModeChange? saved;
        try
        {
            saved = file.Read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, ex.Message);
            return;
        }

        if (saved is null || saved.Mode == LaneMode.Run)
        {
            return;
        }

        // Before any lot can start, so this is never refused for an open lot.
        var result = core.SetMode(saved.Mode, saved.By, saved.Note, saved.Since);
        if (!result.Ok)
        {
            LogUnreadable(logger, result.Error ?? "refused");
            return;
        }

        LogRestored(logger, LaneModeRules.Name(saved.Mode), saved.By ?? "(unknown)", saved.Since);
        try
        {
            await store.AppendAsync(LaneState.Online(time.GetUtcNow(), mqtt.Value.EffectiveClientId, details), cancellationToken);
        }
        catch (Exception ex) when (ex is StorageFullException or IOException)
        {
            // The next connect publishes the state with the mode anyway.
            LogUnreadable(logger, "lane state not republished: " + ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1530, Level = LogLevel.Warning, Message = "Lane mode {Mode} restored from the store (set by {By} at {Since})")]
    private static partial void LogRestored(ILogger logger, string mode, string by, DateTimeOffset since);

    [LoggerMessage(EventId = 1531, Level = LogLevel.Error, Message = "Saved lane mode not applied, the lane runs: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
