using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Hosting;

/// <summary>Registers the gateway's <see cref="TimeProvider"/>: the system clock, or a stepped one for clock tests.</summary>
internal static class ClockServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayClock(this IServiceCollection services)
    {
        services.AddOptions<ClockStepOptions>().BindConfiguration(ClockStepOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClockStepOptions>, ClockStepOptionsValidator>();
        services.AddSingleton<TimeProvider>(sp =>
        {
            var steps = sp.GetRequiredService<IOptions<ClockStepOptions>>().Value.Steps;
            return steps.Count == 0 ? TimeProvider.System : new ClockStepTimeProvider(TimeProvider.System, steps);
        });
        return services;
    }
}
