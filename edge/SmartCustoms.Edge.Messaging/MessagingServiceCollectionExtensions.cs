using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging;

/// <summary>DI registration of the MQTT layer.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MqttOptions"/> (section <c>Mqtt</c>, validated on start), the
    /// <see cref="EmbeddedMqttBroker"/> (runs only when <c>Mqtt:Host</c> is empty), the
    /// <see cref="MqttConnection"/>, the <see cref="OutboxPublisher"/>, the <see cref="CommandListener"/> and
    /// <see cref="ITelemetryPublisher"/>. Hosted services start in that order and stop in reverse, so the
    /// offline state is published before the disconnect and the broker stops last.
    /// <c>Storage:Site</c>/<c>Storage:Lane</c> default to <c>Mqtt:Site</c>/<c>Mqtt:Lane</c>, so one pair of keys
    /// names the lane. Needs <c>AddEdgeStorage()</c>; the host registers its <see cref="ICommandHandler"/>.
    /// </summary>
    public static IServiceCollection AddMqtt(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MqttOptions>()
            .BindConfiguration(MqttOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>());
        services.AddOptions<StorageOptions>()
            .Configure<IOptions<MqttOptions>>((storage, mqtt) =>
            {
                if (string.IsNullOrWhiteSpace(storage.Site))
                {
                    storage.Site = mqtt.Value.Site;
                }

                if (string.IsNullOrWhiteSpace(storage.Lane))
                {
                    storage.Lane = mqtt.Value.Lane;
                }
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton<EmbeddedMqttBroker>();
        services.TryAddSingleton<MqttConnection>();
        services.TryAddSingleton<OutboxPublisher>();
        services.TryAddSingleton<CommandListener>();
        services.TryAddSingleton<TelemetryPublisher>();
        services.TryAddSingleton<ITelemetryPublisher>(sp => sp.GetRequiredService<TelemetryPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());
        services.AddHostedService(sp => sp.GetRequiredService<CommandListener>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxPublisher>());
        return services;
    }
}
