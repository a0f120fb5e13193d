using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Hosting;

public static class LaneCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the lane core (<see cref="LaneCore"/>, singleton) with its options bound from
    /// <c>Lane:Geometry</c>, <c>Lane:Segments</c>, <c>Lane:Verdicts</c> and <c>Lane:Sampling</c>, validated on
    /// start. Uses the registered <see cref="TimeProvider"/> (adds <see cref="TimeProvider.System"/> if none).
    /// </summary>
    public static IServiceCollection AddLaneCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LaneGeometryOptions>().BindConfiguration(LaneGeometryOptions.SectionName).ValidateOnStart();
        services.AddOptions<SegmentOptions>().BindConfiguration(SegmentOptions.SectionName).ValidateOnStart();
        services.AddOptions<VerdictOptions>().BindConfiguration(VerdictOptions.SectionName).ValidateOnStart();
        services.AddOptions<SamplingOptions>().BindConfiguration(SamplingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LaneGeometryOptions>, LaneGeometryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SegmentOptions>, SegmentOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerdictOptions>, VerdictOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SamplingOptions>, SamplingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LaneCore>();
        return services;
    }
}
