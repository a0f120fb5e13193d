using SmartCustoms.Edge.Camera;
using SmartCustoms.Edge.Ui.Instruments;

namespace SmartCustoms.Edge.Video;

/// <summary>Remote video and the panel's instrument views: <c>AddLaneVideo()</c> registers, <c>MapLaneVideo()</c> maps.</summary>
internal static class LaneVideoExtensions
{
    /// <summary>Registers the panel's view of the spectrum and calibration (needs the NIR acquisition and the camera worker).</summary>
    public static IServiceCollection AddLaneVideo(this IServiceCollection services)
    {
        services.AddSingleton<ILaneInstruments, GatewayInstruments>();
        services.AddSingleton<RecentFrames>();
        services.AddHostedService(sp => sp.GetRequiredService<RecentFrames>());
        return services;
    }

    /// <summary>Maps <c>GET /video/{camera}.mjpg</c> (MJPEG with detection overlays).</summary>
    public static IEndpointRouteBuilder MapLaneVideo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/video/{camera}.mjpg", (string camera, HttpContext http, LatestFrameView frames, RecentFrames recent, IServiceProvider services,
            IHostApplicationLifetime lifetime, TimeProvider time, ILoggerFactory loggers) =>
            MjpegStream.RunAsync(http, camera, frames, recent, services.GetService<IFrameDetections>(), lifetime, time, loggers.CreateLogger("SmartCustoms.Edge.Video")));
        return endpoints;
    }
}
