using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Sampler;

namespace SmartCustoms.Drivers.Modbus;

public static class ModbusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sampler PLC (<see cref="ISampler"/>), the belt scale (<see cref="IBeltScale"/>) and the
    /// radiation monitor (<see cref="IRadiationMonitor"/>) as singletons, binds and validates on start the
    /// sections <c>Devices:Sampler</c>, <c>Devices:BeltScale</c> and <c>Devices:Radiation</c>, and adds a
    /// hosted service that polls all three (health, heartbeat, latest readings).
    /// </summary>
    public static IServiceCollection AddModbusDevices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ModbusSamplerOptions>().BindConfiguration(ModbusSamplerOptions.SectionName).ValidateOnStart();
        services.AddOptions<ModbusBeltScaleOptions>().BindConfiguration(ModbusBeltScaleOptions.SectionName).ValidateOnStart();
        services.AddOptions<ModbusRadiationMonitorOptions>().BindConfiguration(ModbusRadiationMonitorOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModbusSamplerOptions>, ModbusSamplerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModbusBeltScaleOptions>, ModbusBeltScaleOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModbusRadiationMonitorOptions>, ModbusRadiationMonitorOptionsValidator>());

        services.TryAddSingleton(sp => new ModbusSamplerController(
            sp.GetRequiredService<IOptions<ModbusSamplerOptions>>().Value, sp.GetRequiredService<TimeProvider>(), Loggers(sp)));
        services.TryAddSingleton(sp => new ModbusBeltScale(
            sp.GetRequiredService<IOptions<ModbusBeltScaleOptions>>().Value, sp.GetRequiredService<TimeProvider>(), Loggers(sp)));
        services.TryAddSingleton(sp => new ModbusRadiationMonitor(
            sp.GetRequiredService<IOptions<ModbusRadiationMonitorOptions>>().Value, sp.GetRequiredService<TimeProvider>(), Loggers(sp)));
        services.TryAddSingleton<ISampler>(sp => sp.GetRequiredService<ModbusSamplerController>());
        services.TryAddSingleton<IBeltScale>(sp => sp.GetRequiredService<ModbusBeltScale>());
        services.TryAddSingleton<IRadiationMonitor>(sp => sp.GetRequiredService<ModbusRadiationMonitor>());

        services.AddHostedService<ModbusDevicePollingService>();
        return services;
    }

    private static ILoggerFactory Loggers(IServiceProvider services) =>
        services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
