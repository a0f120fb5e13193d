using Microsoft.Extensions.Hosting;

namespace SmartCustoms.Edge.Storage;

/// <summary>Opens the store while the host starts, so a damaged or locked file stops start-up with its path.</summary>
internal sealed class EventStoreStartup(IEventStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(store);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
