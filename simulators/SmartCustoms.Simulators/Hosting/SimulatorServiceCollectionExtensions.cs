using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Simulators.Hosting;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Runs the simulated lane inside the host: binds <see cref="SimulatedLaneOptions"/> to the
    /// configuration section (default "Simulator"), validates it on start and registers
    /// <see cref="SimulatedLaneService"/> (resolve it to reach <see cref="SimulatedLaneService.Lane"/>).
    /// Register it before the drivers so the simulated devices listen before the drivers connect.
    /// </summary>
    public static IServiceCollection AddSimulatedLane(this IServiceCollection services, string sectionName = SimulatedLaneOptions.SectionName)
    {
        services.AddOptions<SimulatedLaneOptions>().BindConfiguration(sectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatedLaneOptions>, SimulatedLaneOptionsValidator>();
        services.AddSingleton<SimulatedLaneService>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedLaneService>());
        return services;
    }
}
