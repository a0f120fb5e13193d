using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Abstractions.Camera;
using SmartCustoms.Drivers.Abstractions.Health;
using SmartCustoms.Drivers.Camera.Capture;
using SmartCustoms.Drivers.Camera.Ffmpeg;
using SmartCustoms.Drivers.Camera.Mjpeg;

namespace SmartCustoms.Drivers.Camera;

public static class CameraServiceCollectionExtensions
{
    /// <summary>
    /// Registers the lane camera from configuration section <c>Devices:Camera</c> (validated on start):
    /// <see cref="IFrameSource"/> as one singleton of the configured kind (<see cref="MjpegFrameSource"/>,
    /// <see cref="VideoCaptureFrameSource"/> or <see cref="FfmpegRtspFrameSource"/>), also listed as an
    /// <see cref="IDeviceHealthSource"/>. Needs logging (and uses <see cref="IMeterFactory"/> when the host registered one).
    /// Nothing reads frames until a consumer enumerates <see cref="IFrameSource.ReadFramesAsync"/>.
    /// </summary>
    public static IServiceCollection AddCamera(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CameraOptions>()
            .BindConfiguration(CameraOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CameraOptions>, CameraOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IFrameSource>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CameraOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var meters = sp.GetService<IMeterFactory>();
            return options.Source switch
            {
                CameraSourceKind.Mjpeg => new MjpegFrameSource(options, time, loggers.CreateLogger<MjpegFrameSource>(), meters),
                CameraSourceKind.V4l2 or CameraSourceKind.File => new VideoCaptureFrameSource(options, time, loggers.CreateLogger<VideoCaptureFrameSource>(), meters),
                CameraSourceKind.Rtsp => new FfmpegRtspFrameSource(options, time, loggers.CreateLogger<FfmpegRtspFrameSource>(), meters),
                _ => throw new InvalidOperationException($"{CameraOptions.SectionName}:Source {options.Source} is not supported"),
            };
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeviceHealthSource, IFrameSource>(sp => sp.GetRequiredService<IFrameSource>()));
        return services;
    }
}
