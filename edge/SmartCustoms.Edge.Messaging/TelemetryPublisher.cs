using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging;

/// <inheritdoc cref="ITelemetryPublisher"/>
public sealed partial class TelemetryPublisher(MqttConnection connection, IOptions<MqttOptions> options,
    TimeProvider timeProvider, MessagingMetrics metrics, ILogger<TelemetryPublisher> logger) : ITelemetryPublisher
{
    public long Dropped => metrics.TelemetryDropped;

    public async Task<bool> PublishAsync(string name, JsonNode? data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.AsSpan().IndexOfAny("/+#") >= 0)
        {
            throw new ArgumentException($"Telemetry name '{name}' must be one topic level", nameof(name));
        }

        if (!connection.IsConnected)
        {
            metrics.DroppedTelemetry();
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var envelope = EnvelopeWriter.Write($"sc.telemetry.{name}/1", Guid.CreateVersion7(now).ToString("D"),
            seq: null, now, options.Value.Site, options.Value.Lane, lot: null, data);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(connection.Topics.Telemetry(name))
            .WithPayload(Encoding.UTF8.GetBytes(envelope))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .WithContentType(OutboxMessages.ContentType)
            .WithUserProperty("schema", Utf8($"sc.telemetry.{name}/1"))
            .Build();
        try
        {
            await connection.PublishAsync(message, cancellationToken);
            metrics.TelemetrySent();
            return true;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException
                                       or MQTTnet.Exceptions.MqttClientNotConnectedException
                                       or ObjectDisposedException or InvalidOperationException)
        {
            metrics.DroppedTelemetry();
            LogDropped(logger, name, ex.Message);
            return false;
        }
    }

    private static ReadOnlyMemory<byte> Utf8(string value) => Encoding.UTF8.GetBytes(value);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Debug, Message = "Telemetry {Name} dropped: {Error}")]
    private static partial void LogDropped(ILogger logger, string name, string error);
}
