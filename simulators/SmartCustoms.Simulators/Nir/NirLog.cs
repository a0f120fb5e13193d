using System.Net;
using Microsoft.Extensions.Logging;

namespace SmartCustoms.Simulators.Nir;

/// <summary>Log messages of the NIR simulator (event ids 3100–3199; connections and the disconnect fault log through Tcp/TcpListenerLog, 3000–3099).</summary>
internal static partial class NirLog
{
    [LoggerMessage(3100, LogLevel.Information, "NIR simulator listening on {Endpoint} ({Identity})")]
    public static partial void Listening(ILogger logger, EndPoint endpoint, string identity);

    [LoggerMessage(3101, LogLevel.Warning, "NIR integration {IntegrationUs} µs × {Averages} averages + {ReadoutUs} µs readout per frame: at most {EffectiveHz:F0} spectra/s, not the line rate of {LineRateHz:F0}/s (shorten CONF:INT)")]
    public static partial void RateLimitedByExposure(ILogger logger, int integrationUs, int averages, double readoutUs, double effectiveHz, double lineRateHz);

    [LoggerMessage(3105, LogLevel.Debug, "NIR command error {Code} for '{Line}'")]
    public static partial void CommandError(ILogger logger, int code, string line);
}
