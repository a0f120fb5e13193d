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
    /// actions go to the registered <c>ICommandHandler</c>. No authentication middleware is needed.
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
        services.TryAddSingleton<BrokerStatus>();
        return services;
    }
}
