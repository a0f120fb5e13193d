using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Storage;

/// <summary>Prunes delivered events past <c>Storage:RetentionDays</c> every <c>Storage:RetentionCheckInterval</c>.</summary>
internal sealed partial class RetentionService(IEventStore store, IOptions<StorageOptions> options,
    TimeProvider timeProvider, ILogger<RetentionService> logger) : BackgroundService
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Retention pruning failed; will retry")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
