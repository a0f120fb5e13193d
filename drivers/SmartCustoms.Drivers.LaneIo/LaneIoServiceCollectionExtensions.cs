using System.Device.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.LaneIo.Climate;
using SmartCustoms.Drivers.LaneIo.Gpio;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Drivers.LaneIo.Simulation;

namespace SmartCustoms.Drivers.LaneIo;

public static class LaneIoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILaneIo"/> (a <see cref="GpioLaneIo"/>) as a singleton, binds and validates on start
    /// the section <c>Devices:LaneIo</c>, and adds a hosted service that opens the pins, samples the inputs and
    /// reads the climate sensor. With <c>Board = simulated</c> it also registers <see cref="SimulatedGpioDriver"/>
    /// and <see cref="SimulatedLaneSignals"/> (to toggle belt running / e-stop and set the encoder's belt speed).
    /// </summary>
    public static IServiceCollection AddLaneIo(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LaneIoOptions>().BindConfiguration(LaneIoOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LaneIoOptions>, LaneIoOptionsValidator>());

        services.TryAddSingleton(_ => new SimulatedGpioDriver());
        services.TryAddSingleton(sp => new SimulatedLaneSignals(
            sp.GetRequiredService<SimulatedGpioDriver>(), Options(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            Func<GpioController> controller = options.Board == LaneIoBoard.Simulated
                ? () => new GpioController(sp.GetRequiredService<SimulatedGpioDriver>())
                : () => GpioControllerFactory.ForBoard(options);
            return new GpioLaneIo(
                options,
                controller,
                CabinetClimateReaderFactory.For(options.Climate),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<GpioLaneIo>>());
        });
        services.TryAddSingleton<ILaneIo>(sp => sp.GetRequiredService<GpioLaneIo>());
        services.AddHostedService<LaneIoWorker>();
        return services;
    }

    private static LaneIoOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<LaneIoOptions>>().Value;
}
