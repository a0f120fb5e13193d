using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.BeltScale;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Abstractions.Radiation;
using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Abstractions.Spectrometer;
using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Drivers.Camera;
using SmartCustoms.Drivers.LaneIo;
using SmartCustoms.Drivers.LaneIo.Options;
using SmartCustoms.Drivers.Modbus;
using SmartCustoms.Drivers.Modbus.BeltScale;
using SmartCustoms.Drivers.Modbus.Radiation;
using SmartCustoms.Drivers.Modbus.Sampler;
using SmartCustoms.Edge.Core.Options;
using SmartCustoms.Drivers.Spectrometer;
using SmartCustoms.Edge.Core.Hosting;
using SmartCustoms.Edge.Lane;
using SmartCustoms.Edge.Acquisition;
using SmartCustoms.Edge.Camera;
using SmartCustoms.Edge.Commands;
using SmartCustoms.Edge.Devices;
using SmartCustoms.Edge.Evidence;
using SmartCustoms.Edge.Health;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Observability;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Ui.Hosting;
using SmartCustoms.Edge.Video;
using SmartCustoms.Models;
using SmartCustoms.Simulators.Hosting;

namespace SmartCustoms.Edge.Hosting;

/// <summary>Registers the gateway's parts; each part brings its own <c>Add…</c> extension and options.</summary>
internal static class GatewayServiceCollectionExtensions
{
    /// <summary>Configuration key that turns on the in-process lane simulator (<c>--simulate</c>).</summary>
    public const string SimulateKey = "Simulator:Enabled";

    public static IServiceCollection AddGatewayServices(this IServiceCollection services, IConfiguration configuration)
    {
        // Hosted services start in registration order and stop in reverse: the simulator listens before the
        // drivers connect, storage opens before anything appends, and MQTT drains last on the way down.
        var simulate = configuration.GetValue<bool>(SimulateKey);
        if (simulate)
        {
            services.AddSimulatedLane();
            services.AddSingleton<SimulatedDeviceAddresses>();
            services.AddSingleton<IPostConfigureOptions<SpectrometerOptions>>(sp => sp.GetRequiredService<SimulatedDeviceAddresses>());
            services.AddSingleton<IPostConfigureOptions<ModbusSamplerOptions>>(sp => sp.GetRequiredService<SimulatedDeviceAddresses>());
            services.AddSingleton<IPostConfigureOptions<ModbusBeltScaleOptions>>(sp => sp.GetRequiredService<SimulatedDeviceAddresses>());
            services.AddSingleton<IPostConfigureOptions<ModbusRadiationMonitorOptions>>(sp => sp.GetRequiredService<SimulatedDeviceAddresses>());
            services.AddSingleton<IPostConfigureOptions<LaneGeometryOptions>>(sp => sp.GetRequiredService<SimulatedDeviceAddresses>());
            services.AddSingleton<IPostConfigureOptions<CameraOptions>>(sp => sp.GetRequiredService<SimulatedDeviceAddresses>());
            services.AddSingleton<IPostConfigureOptions<LaneIoOptions>>(sp => sp.GetRequiredService<SimulatedDeviceAddresses>());
        }

        services.AddEdgeStorage();
        services.AddLaneEvidenceAndAudit();
        services.AddMqtt();
        services.AddModels();
        services.AddSpectrometer();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeviceHealthSource, ISpectrometer>(sp => sp.GetRequiredService<ISpectrometer>()));

        services.AddModbusDevices();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeviceHealthSource, ISampler>(sp => sp.GetRequiredService<ISampler>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeviceHealthSource, IBeltScale>(sp => sp.GetRequiredService<IBeltScale>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeviceHealthSource, IRadiationMonitor>(sp => sp.GetRequiredService<IRadiationMonitor>()));
        services.AddLaneCore();
        services.AddOperatorUi();

        // AddCamera lists the camera as an IDeviceHealthSource itself.
        services.AddCamera();
        services.AddSingleton<LatestFrameView>();
        // The visual detector's results (UI, video overlay); filled by CameraWorker when Models:VisualModelPath is set.
        services.AddSingleton<LatestDetectionsView>();
        services.AddSingleton<IFrameDetections>(sp => sp.GetRequiredService<LatestDetectionsView>());
        services.AddHostedService<CameraWorker>();

        services.AddLaneIo();
        // Only an enabled lane I/O is a device of this lane: a disabled one reads "down: disabled" and an
        // active (fail-safe) e-stop, which must neither hold sampling nor make the gateway unready.
        if (simulate || configuration.GetValue<bool>(LaneIoOptions.SectionName + ":" + nameof(LaneIoOptions.Enabled)))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeviceHealthSource, ILaneIo>(sp => sp.GetRequiredService<ILaneIo>()));
            services.AddHostedService<LaneIoBridge>();
        }

        services.AddNirAcquisition();
        services.AddLaneVideo();

        services.AddOptions<LaneHostOptions>().BindConfiguration(LaneHostOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LaneHostOptions>, LaneHostOptionsValidator>();
        services.AddHostedService<LaneDeviceBridge>();
        services.AddHostedService<LaneWorker>();

        services.AddSingleton<DeviceHealthPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceHealthPublisher>());
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.SectionName);
        services.AddSingleton<ICommandHandler, GatewayCommandHandler>();
        services.AddSingleton<NirCalibrationCommand>();
        services.AddSingleton<SupervisorCommands>();
        services.AddSingleton<ThresholdSettingsFile>();
        services.AddHostedService<ThresholdRestore>();
        services.AddSingleton<LaneModeCommand>();
        services.AddSingleton<LaneModeFile>();
        services.AddSingleton<LaneModeStateDetails>();
        services.AddSingleton<ILaneStateDetails>(sp => sp.GetRequiredService<LaneModeStateDetails>());
        services.AddHostedService<LaneModeRestore>();
        services.AddSingleton<CommandTokens>();

        services.AddSingleton<ReadinessReport>();
        services.AddSingleton<IReadinessCheck, BrokerReadinessCheck>();
        services.AddGatewayMetrics();
        return services;
    }

    private static IServiceCollection AddNirAcquisition(this IServiceCollection services)
    {
        services.AddOptions<NirAcquisitionOptions>().BindConfiguration(NirAcquisitionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NirAcquisitionOptions>, NirAcquisitionOptionsValidator>();
        services.AddSingleton<SpectralPipelineChannel>();
        services.AddSingleton<NirCalibrationState>();
        services.AddSingleton<LatestSpectrumView>();
        // Probes the model once at start (joining and larger reads only where bit-identical); shared by both workers.
        services.AddSingleton(sp => new SpectralBatchMerger(
            sp.GetRequiredService<SmartCustoms.Models.Classification.SpectralClassifier>(),
            sp.GetRequiredService<IOptions<Drivers.Spectrometer.SpectrometerOptions>>().Value.BurstSize,
            sp.GetRequiredService<IOptions<NirAcquisitionOptions>>().Value.MaxJoinedSpectra));
        services.AddHostedService<SpectralAcquisitionWorker>();
        services.AddHostedService<SpectralInferenceWorker>();
        return services;
    }
}
