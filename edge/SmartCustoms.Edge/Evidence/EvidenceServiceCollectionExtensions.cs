using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCustoms.Edge.Audit;
using SmartCustoms.Edge.Storage.Evidence;

namespace SmartCustoms.Edge.Evidence;

/// <summary>Registers the gateway's evidence recording and audit (the stores themselves come with <c>AddEdgeStorage()</c>).</summary>
internal static class EvidenceServiceCollectionExtensions
{
    /// <summary>
    /// Evidence of detections, alarms and segments (<see cref="LaneEvidenceRecorder"/>), retention holds from
    /// the lane (<see cref="LaneEvidenceHolds"/> replaces the store's keep-every-lot default), the configuration
    /// fingerprint at start and sample custody in the audit chain. Call after <c>AddEdgeStorage()</c>.
    /// </summary>
    public static IServiceCollection AddLaneEvidenceAndAudit(this IServiceCollection services)
    {
        services.AddSingleton<RecentSpectra>();
        services.AddSingleton<LaneEvidenceRecorder>();
        services.Replace(ServiceDescriptor.Singleton<IEvidenceHoldSource, LaneEvidenceHolds>());
        services.AddHostedService<ConfigurationAudit>();
        services.AddHostedService<IncrementCustodyAuditor>();
        return services;
    }
}
