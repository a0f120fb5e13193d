using Microsoft.Extensions.Logging;

namespace SmartCustoms.Drivers.Spectrometer.Nir;

/// <summary>Log messages of the NIR driver (event ids 1100–1199).</summary>
internal static partial class ScpiSpectrometerLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "{Device}: connected to {Endpoint}: {Maker} {Model} serial {Serial} firmware {Firmware}, {Pixels} pixels {FirstNm}-{LastNm} nm, integration {IntegrationUs} µs, averaging {Averaging}")]
    public static partial void Connected(ILogger logger, string device, string endpoint, string maker, string model,
        string serial, string firmware, int pixels, float firstNm, float lastNm, int integrationUs, int averaging);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "{Device}: {Operation} failed ({Failures} in a row), connection closed: {Reason}")]
    public static partial void OperationFailed(ILogger logger, string device, string operation, int failures, string reason, Exception? exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "{Device}: bad reply to {Operation}, counted and connection closed: {Reason}")]
    public static partial void BadReply(ILogger logger, string device, string operation, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "{Device}: the instrument closed the connection during {Operation}")]
    public static partial void PeerClosed(ILogger logger, string device, string operation);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug,
        Message = "{Device}: connecting to {Endpoint}")]
    public static partial void Connecting(ILogger logger, string device, string endpoint);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "{Device}: connection closed ({Why})")]
    public static partial void Closed(ILogger logger, string device, string why);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
        Message = "{Device}: the instrument skipped {Missing} spectra before or within a burst of {Count}")]
    public static partial void SequenceGap(ILogger logger, string device, int count, long missing);
}
