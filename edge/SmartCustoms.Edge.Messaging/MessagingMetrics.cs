using System.Diagnostics.Metrics;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging;

/// <summary>MQTT metrics on meter <c>SmartCustoms.Edge.Messaging</c>. Thread-safe.</summary>
public sealed class MessagingMetrics : IDisposable
{
    public const string MeterName = "SmartCustoms.Edge.Messaging";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _published;
    private readonly Counter<long> _acked;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _connectFailures;
    private readonly Counter<long> _telemetrySent;
    private readonly Counter<long> _telemetryDropped;
    private readonly Counter<long> _commands;
    private long _connected;
    private long _telemetryDroppedTotal;
    private long _ackedTotal;
    private long _reconnectsTotal;
    private long _connectFailuresTotal;

    public MessagingMetrics(IEventStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _published = _meter.CreateCounter<long>("sc.mqtt.published", "{message}", "QoS 1 outbox publishes sent");
        _acked = _meter.CreateCounter<long>("sc.mqtt.acked", "{message}", "Outbox publishes acknowledged (PUBACK)");
        _publishFailures = _meter.CreateCounter<long>("sc.mqtt.publish_failures", "{message}",
            "Outbox publishes that failed or were refused; they stay pending");
        _reconnects = _meter.CreateCounter<long>("sc.mqtt.reconnects", "{connect}", "Successful (re)connects");
        _connectFailures = _meter.CreateCounter<long>("sc.mqtt.connect_failures", "{connect}", "Failed connect attempts");
        _telemetrySent = _meter.CreateCounter<long>("sc.mqtt.telemetry_sent", "{message}", "QoS 0 telemetry sent");
        _telemetryDropped = _meter.CreateCounter<long>("sc.mqtt.telemetry_dropped", "{message}",
            "Telemetry dropped because the broker was not connected");
        _commands = _meter.CreateCounter<long>("sc.mqtt.commands", "{command}", "Commands received, by result");
        _meter.CreateObservableGauge("sc.mqtt.pending", () => store.PendingCount, "{event}",
            "Outbox events waiting for the broker");
        _meter.CreateObservableGauge("sc.mqtt.connected", () => Interlocked.Read(ref _connected), "{bool}",
            "1 while connected to the broker");
    }

    public long TelemetryDropped => Interlocked.Read(ref _telemetryDroppedTotal);

    public long Acked => Interlocked.Read(ref _ackedTotal);

    public long Reconnects => Interlocked.Read(ref _reconnectsTotal);

    public long ConnectFailures => Interlocked.Read(ref _connectFailuresTotal);

    public void Published(int count) => _published.Add(count);

    public void AckedMessages(int count)
    {
        _acked.Add(count);
        Interlocked.Add(ref _ackedTotal, count);
    }

    public void PublishFailed(int count) => _publishFailures.Add(count);

    public void Connected()
    {
        Interlocked.Exchange(ref _connected, 1);
        Interlocked.Increment(ref _reconnectsTotal);
        _reconnects.Add(1);
    }

    public void Disconnected() => Interlocked.Exchange(ref _connected, 0);

    public void ConnectFailed()
    {
        Interlocked.Increment(ref _connectFailuresTotal);
        _connectFailures.Add(1);
    }

    public void TelemetrySent() => _telemetrySent.Add(1);

    public void DroppedTelemetry()
    {
        Interlocked.Increment(ref _telemetryDroppedTotal);
        _telemetryDropped.Add(1);
    }

    public void Command(string result) => _commands.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Dispose() => _meter.Dispose();
}
