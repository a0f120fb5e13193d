using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartCustoms.Perf.Mqtt;

/// <summary>
/// A central system's subscriber: MQTT 5, clean start off and a one-hour session expiry, so the broker queues
/// QoS 1 messages for it across broker restarts and its own reconnects. Records every receipt with its time.
/// Reconnects by itself until disposed. Thread-safe.
/// </summary>
internal sealed class RecordingSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<Receipt> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private Task? _keeper;

    private RecordingSubscriber(int port, string filter)
    {
        _filter = filter;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("perf-subscriber-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(5))
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            _received.Enqueue(new Receipt(m.Topic, m.ConvertPayloadToString(), m.Retain, DateTimeOffset.UtcNow, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        };
    }

    public int Count => _received.Count;

    public int Reconnects { get; private set; }

    /// <summary>Everything received so far, in order of receipt.</summary>
    public IReadOnlyList<Receipt> Received => [.. _received];

    public static async Task<RecordingSubscriber> StartAsync(int port, string filter)
    {
        var subscriber = new RecordingSubscriber(port, filter);
        await subscriber._client.ConnectAsync(subscriber._options);
        await subscriber._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        subscriber._keeper = subscriber.KeepConnectedAsync();
        return subscriber;
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, _stop.Token);
                if (!_client.IsConnected)
                {
                    var result = await _client.ConnectAsync(_options, _stop.Token);
                    Reconnects++;
                    if (!result.IsSessionPresent)
                    {
                        // The broker lost the session (persistence off or expired): subscribe again.
                        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), _stop.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The broker is down: try again shortly.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_keeper is not null)
        {
            await _keeper;
        }

        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions());
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
            }
        }

        _client.Dispose();
        _stop.Dispose();
    }
}
