using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCustoms.Models.Classification;

namespace SmartCustoms.Models;

/// <summary>Loads the spectral model (and the visual detector when on) when the host starts, so a missing or mismatched model stops the start, not the first spectrum.</summary>
internal sealed class SpectralModelStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<SpectralClassifier>();
        _ = services.GetRequiredService<Visual.VisualDetectorAccessor>().Detector;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
