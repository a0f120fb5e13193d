using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SmartCustoms.Drivers.Camera.Frames;
using SmartCustoms.Drivers.Spectrometer.Nir;
using SmartCustoms.Edge.Messaging;

namespace SmartCustoms.Edge.Observability;

/// <summary>Prometheus <c>/metrics</c> through OpenTelemetry, over every meter of the gateway.</summary>
internal static class GatewayMetricsExtensions
{
    /// <summary>Path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>service.name in Prometheus' <c>target_info</c>.</summary>
    public const string ServiceName = "smartcustoms-edge";

    /// <summary>The meters exported: the gateway's own, the drivers', the store's and the MQTT client's.</summary>
    public static readonly string[] MeterNames =
    [
        GatewayMetrics.MeterName,
        SpectrometerMetrics.MeterName,
        CameraMetrics.MeterName,
        // StorageMetrics is internal to the store project; its meter name is part of its contract.
        "SmartCustoms.Edge.Storage",
        MessagingMetrics.MeterName,
        // LaneEvidenceRecorder's meter (sc.evidence.saved / failures).
        "SmartCustoms.Edge.Evidence",
    ];

    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayMetrics>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(MeterNames)
                .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
