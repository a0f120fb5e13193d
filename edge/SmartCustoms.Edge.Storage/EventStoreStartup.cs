using Microsoft.Extensions.Hosting;

namespace SmartCustoms.Edge.Storage;

/// <summary>Opens the store, the evidence index and the audit log while the host starts, so a damaged or locked
/// file stops start-up with its path.</summary>
internal sealed class EventStoreStartup(IEventStore store, Evidence.IEvidenceStore evidence, Audit.IAuditLog audit)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(store);
        GC.KeepAlive(evidence);
        GC.KeepAlive(audit);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
