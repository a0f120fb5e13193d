using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCustoms.Models.Classification;

namespace SmartCustoms.Models;

/// <summary>Loads the spectral model when the host starts, so a missing or mismatched model stops the start, not the first spectrum.</summary>
internal sealed class SpectralModelStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<SpectralClassifier>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
