using SmartCustoms.Edge.Core;

namespace SmartCustoms.Edge.Commands;

/// <summary>
/// At start, applies the thresholds saved by <c>set-threshold</c> (<see cref="ThresholdSettingsFile"/>) to the lane
/// core, before any lot runs. A saved value that no longer passes validation (the rules or the settings changed)
/// is skipped with a warning naming the key, never a failed start.
/// </summary>
internal sealed partial class ThresholdRestore(LaneCore core, ThresholdSettingsFile file, ILogger<ThresholdRestore> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, double> saved;
        try
        {
            saved = file.Read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, ex.Message);
            return Task.CompletedTask;
        }

        foreach (var (name, value) in saved)
        {
            var result = core.SetThreshold(name, value);
            if (result.Ok)
            {
                LogRestored(logger, name, value);
            }
            else
            {
                LogSkipped(logger, name, value, result.Error ?? "refused");
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information, Message = "Threshold Lane:Verdicts:{Name} = {Value} (set at run time, from the store)")]
    private static partial void LogRestored(ILogger logger, string name, double value);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Warning, Message = "Saved threshold {Name} = {Value} not applied: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string name, double value, string reason);

    [LoggerMessage(EventId = 1522, Level = LogLevel.Error, Message = "Saved thresholds not applied: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
