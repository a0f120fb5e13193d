using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Ui.Auth;
using SmartCustoms.Edge.Ui.Commands;
using SmartCustoms.Edge.Ui.Options;
using SmartCustoms.Edge.Ui.Stream;

namespace SmartCustoms.Edge.Ui.Hosting;

public static class OperatorUiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the operator panel: options of section <c>Ui</c> (validated on start), PIN sign-in with
    /// server-side sessions, and the live stream. Needs <c>AddLaneCore()</c> and <c>AddEdgeStorage()</c>;
    /// actions go to the registered <c>ICommandHandler</c>. No authentication middleware is needed. With
    /// <c>Simulator:Enabled=true</c> and no <c>Ui:Users</c>, one demo user per role is added (never otherwise).
    /// The host may register an <see cref="Instruments.ILaneInstruments"/> for the spectrum and calibration views.
    /// </summary>
    public static IServiceCollection AddOperatorUi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<UiOptions>().BindConfiguration(UiOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UiOptions>, UiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UiUserDirectory>();
        services.TryAddSingleton<UiSessions>();
        services.TryAddSingleton<UiCommandToken>();
        services.TryAddSingleton<PanelSupervisorKey>();
        services.TryAddSingleton<BrokerStatus>();
        services.TryAddSingleton<InstrumentsView>();
        services.TryAddSingleton<LaneStreamClients>();
        services.TryAddSingleton<PanelAudit>();
        services.TryAddSingleton<SimulatorPanelUsers>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<UiOptions>, SimulatorPanelUsers>(sp => sp.GetRequiredService<SimulatorPanelUsers>()));
        return services;
    }
}
