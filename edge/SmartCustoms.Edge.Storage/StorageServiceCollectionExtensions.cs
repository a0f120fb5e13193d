using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Storage.Audit;
using SmartCustoms.Edge.Storage.Evidence;

namespace SmartCustoms.Edge.Storage;

/// <summary>DI registration of the durable event store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEventStore"/> (a <see cref="LiteDbEventStore"/> singleton opened at host start),
    /// <see cref="StorageOptions"/> bound to section <c>Storage</c> and validated on start, and the retention
    /// pruning service, <see cref="IEvidenceStore"/> (evidence files + index), <see cref="IAuditLog"/> (hash-chained
    /// audit log) and a default <see cref="IEvidenceHoldSource"/> that keeps every lot's evidence (the host
    /// replaces it with one that knows which lots are open). Needs a <see cref="TimeProvider"/> (registers <see cref="TimeProvider.System"/> if none).
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
        services.TryAddSingleton<LiteDbEvidenceStore>();
        services.TryAddSingleton<IEvidenceStore>(sp => sp.GetRequiredService<LiteDbEvidenceStore>());
        services.TryAddSingleton<IEvidenceHoldSource, UnknownEvidenceHolds>();
        services.TryAddSingleton<FileAuditLog>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<FileAuditLog>());
        services.AddHostedService<EventStoreStartup>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
