using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Spectrometer.Calibration;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Drivers.Spectrometer.Scpi;

namespace SmartCustoms.Drivers.Spectrometer;

public static class SpectrometerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the NIR spectrometer from configuration section <c>Devices:Nir</c> (validated on start):
    /// <see cref="ISpectrometer"/> and <see cref="ScpiSpectrometer"/> (one singleton), its connection factory,
    /// <see cref="ReflectanceConverter"/>, <see cref="CalibrationPolicy"/> and <see cref="SpectrometerCalibrator"/>.
    /// Needs logging (and uses <see cref="IMeterFactory"/> when the host registered one).
    /// </summary>
    public static IServiceCollection AddSpectrometer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SpectrometerOptions>()
            .BindConfiguration(SpectrometerOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpectrometerOptions>, SpectrometerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IScpiConnectionFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SpectrometerOptions>>().Value;
            return options.Transport == SpectrometerTransport.Serial
                ? new SerialScpiConnectionFactory(options.SerialPort!, options.BaudRate)
                : new TcpScpiConnectionFactory(options.Host, options.Port, options.ConnectTimeout, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp => new ScpiSpectrometer(
            sp.GetRequiredService<IScpiConnectionFactory>(),
            sp.GetRequiredService<IOptions<SpectrometerOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ScpiSpectrometer>>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<ISpectrometer>(sp => sp.GetRequiredService<ScpiSpectrometer>());

        services.TryAddSingleton(_ => new ReflectanceConverter());
        services.TryAddSingleton(sp => new CalibrationPolicy(
            sp.GetRequiredService<IOptions<SpectrometerOptions>>().Value.MaxTemperatureDriftC,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SpectrometerCalibrator(
            sp.GetRequiredService<ISpectrometer>(),
            sp.GetRequiredService<ReflectanceConverter>(),
            sp.GetRequiredService<IOptions<SpectrometerOptions>>().Value.CalibrationValidity,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SpectrometerCalibrator>>(),
            sp.GetRequiredService<IOptions<SpectrometerOptions>>().Value.ReferenceScans));
        return services;
    }
}
