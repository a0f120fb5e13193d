using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Storage;

/// <summary>DI registration of the durable event store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEventStore"/> (a <see cref="LiteDbEventStore"/> singleton opened at host start),
    /// <see cref="StorageOptions"/> bound to section <c>Storage</c> and validated on start, and the retention
    /// pruning service. Needs a <see cref="TimeProvider"/> (registers <see cref="TimeProvider.System"/> if none).
    /// </summary>
    public static IServiceCollection AddEdgeStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiteDbEventStore>();
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<LiteDbEventStore>());
        services.AddHostedService<EventStoreStartup>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
