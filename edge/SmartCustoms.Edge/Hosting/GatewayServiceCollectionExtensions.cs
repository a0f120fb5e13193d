namespace SmartCustoms.Edge.Hosting;

/// <summary>Registers the gateway's parts; each part brings its own <c>Add…</c> extension and options.</summary>
internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayServices(this IServiceCollection services)
    {
        services.AddSingleton<Health.ReadinessReport>();
        return services;
    }
}
