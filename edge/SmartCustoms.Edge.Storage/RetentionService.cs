using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Storage.Evidence;

namespace SmartCustoms.Edge.Storage;

/// <summary>
/// Every <c>Storage:RetentionCheckInterval</c>: prunes delivered events past <c>Storage:RetentionDays</c>, and
/// evidence past <c>Storage:EvidenceRetentionDays</c> or beyond <c>Storage:EvidenceMaxDiskBytes</c> — never the
/// evidence of an open lot (asked of <see cref="IEvidenceHoldSource"/> at each run) or of an unacknowledged alarm.
/// </summary>
internal sealed partial class RetentionService(IEventStore store, IEvidenceStore evidence, IEvidenceHoldSource holds,
    IOptions<StorageOptions> options, TimeProvider timeProvider, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionCheckInterval, timeProvider);
        do
        {
            try
            {
                while (await store.PruneAsync(stoppingToken) >= LiteDbEventStore.PruneBatchSize)
                {
                    // A large backlog is pruned in several short commit groups, between the appends.
                }
            }
            catch (IOException ex)
            {
                LogPruneFailed(logger, ex);
            }

            try
            {
                while (await evidence.PruneAsync(holds.Capture(), stoppingToken) >= LiteDbEvidenceStore.PruneBatchSize)
                {
                    // Same for evidence: the holds are taken again for each batch.
                }
            }
            catch (IOException ex)
            {
                LogEvidencePruneFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Retention pruning failed; will retry")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Evidence retention pruning failed; will retry")]
    private static partial void LogEvidencePruneFailed(ILogger logger, Exception exception);
}
