using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>
/// Writes the panel's own accountable moments to the audit chain (category <c>ui</c>): sign-in (ok or refused),
/// sign-out, and actions refused for the role before they reach the command handler (the handler audits every
/// command it receives). Without an <see cref="IAuditLog"/> registered, only the log line remains. A failing
/// audit write is logged, never turned into a failed sign-in. Thread-safe (the audit log is).
/// </summary>
internal sealed partial class PanelAudit(IServiceProvider services, ILogger<PanelAudit> logger)
{
    private readonly IAuditLog? _audit = services.GetService<IAuditLog>();

    public Task SignedInAsync(string user, UiRole role) =>
        WriteAsync(new AuditEntry("ui", "sign-in") { Actor = user, Source = "ui", Outcome = "ok", Details = new() { ["role"] = UiPermissions.Name(role) } });

    public Task SignInRefusedAsync(string user, string reason) =>
        WriteAsync(new AuditEntry("ui", "sign-in") { Actor = user, Source = "ui", Outcome = "refused: " + reason });

    public Task SignedOutAsync(string user) =>
        WriteAsync(new AuditEntry("ui", "sign-out") { Actor = user, Source = "ui", Outcome = "ok" });

    public Task ForbiddenAsync(string user, UiRole role, string command, string? why = null) =>
        WriteAsync(new AuditEntry("ui", command) { Actor = user, Source = "ui", Outcome = why is null ? $"refused: role {UiPermissions.Name(role)} may not {command}" : $"refused: {why}" });

    private async Task WriteAsync(AuditEntry entry)
    {
        if (_audit is null)
        {
            return;
        }

        try
        {
            await _audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or ObjectDisposedException)
        {
            LogAuditFailed(logger, entry.Action, ex.Message);
        }
    }

    [LoggerMessage(EventId = 2613, Level = LogLevel.Error, Message = "Panel audit record {Action} could not be written: {Problem}")]
    private static partial void LogAuditFailed(ILogger logger, string action, string problem);
}
