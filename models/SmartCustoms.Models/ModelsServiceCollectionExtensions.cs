using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Commands;
using SmartCustoms.Models.Loading;
using SmartCustoms.Models.Visual;

namespace SmartCustoms.Models;

/// <summary>Registers the models component.</summary>
public static class ModelsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ModelOptions"/> (section <c>Models</c>) on start, registers the
    /// <see cref="SpectralClassifier"/> singleton (loaded and checked once), the <see cref="VisualDetectorAccessor"/>
    /// (the visual detector, or null when <c>Models:VisualModelPath</c> is empty), a hosted service that loads both
    /// at start so a missing or mismatched model stops the host, and <see cref="SpectrumClassificationCommand"/>.
    /// </summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SpectralClassifier).FullName!);
            return ModelRegistry.LoadSpectralClassifier(options.ResolveSpectralModelPath(), options.ToClassifierSettings(), logger);
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VisualDetector).FullName!);
            return new VisualDetectorAccessor(() => options.VisualDetectionEnabled
                ? ModelRegistry.LoadVisualDetector(options.ResolveVisualModelPath(), options.ToVisualDetectorSettings(), logger)
                : null);
        });
        services.TryAddSingleton<SpectrumClassificationCommand>();
        services.AddHostedService<SpectralModelStartupCheck>();
        return services;
    }
}
