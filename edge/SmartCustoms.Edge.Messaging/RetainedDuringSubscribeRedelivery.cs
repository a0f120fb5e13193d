using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace SmartCustoms.Edge.Messaging;

/// <summary>
/// Closes a gap in MQTTnet 5.2's broker: a SUBSCRIBE takes its snapshot of the retained messages before the new
/// subscription is registered, so a retained message that changes between the two reaches that subscriber neither
/// as retained nor live. (A `mosquitto_sub` started while the gateway published its start-up states missed the
/// lane's online state that way.) This numbers every retained change, notes the number when a SUBSCRIBE arrives,
/// and once the subscription is registered sends the subscriber the current retained message of every matching
/// topic that changed since. At worst a subscriber gets one retained message twice, which MQTT's at-least-once
/// delivery allows (envelopes carry an id). Thread-safe: MQTTnet raises the events on its own threads.
/// </summary>
internal sealed class RetainedDuringSubscribeRedelivery
{
    private readonly MqttServer _server;
    private readonly ConcurrentDictionary<string, long> _changedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _subscribeArrivedAt = new(StringComparer.Ordinal);
    private long _changes;

    private RetainedDuringSubscribeRedelivery(MqttServer server) => _server = server;

    /// <summary>Attaches to the server's events; call before it starts.</summary>
    public static void Attach(MqttServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var redelivery = new RetainedDuringSubscribeRedelivery(server);
        server.RetainedMessageChangedAsync += redelivery.OnRetainedChangedAsync;
        server.InterceptingInboundPacketAsync += redelivery.OnInboundPacketAsync;
        server.ClientSubscribedTopicAsync += redelivery.OnSubscribedAsync;
        server.ClientDisconnectedAsync += redelivery.OnDisconnectedAsync;
    }

    private Task OnRetainedChangedAsync(RetainedMessageChangedEventArgs e)
    {
        // Raised after the broker's retained store has changed, so any change numbered after a SUBSCRIBE arrived
        // may be missing from that SUBSCRIBE's snapshot.
        _changedAt[e.ChangedRetainedMessage.Topic] = Interlocked.Increment(ref _changes);
        return Task.CompletedTask;
    }

    private Task OnInboundPacketAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttSubscribePacket && e.ClientId is { } clientId)
        {
            // A client's packets are handled one after another, so this is the SUBSCRIBE whose subscriptions
            // are reported next.
            _subscribeArrivedAt[clientId] = Interlocked.Read(ref _changes);
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        _subscribeArrivedAt.TryRemove(e.ClientId, out _);
        return Task.CompletedTask;
    }

    private async Task OnSubscribedAsync(ClientSubscribedTopicEventArgs e)
    {
        if (!_subscribeArrivedAt.TryGetValue(e.ClientId, out var arrivedAt) ||
            e.TopicFilter.RetainHandling != MqttRetainHandling.SendAtSubscribe)
        {
            return;
        }

        var changedSince = _changedAt.Where(c => c.Value > arrivedAt &&
                                                 MqttTopicFilterComparer.Compare(c.Key, e.TopicFilter.Topic) == MqttTopicFilterCompareResult.IsMatch)
            .Select(c => c.Key)
            .ToList();
        if (changedSince.Count == 0)
        {
            return;
        }

        var session = await _server.GetSessionAsync(e.ClientId).ConfigureAwait(false);
        if (session is null)
        {
            return;
        }

        foreach (var topic in changedSince)
        {
            if (await _server.GetRetainedMessageAsync(topic).ConfigureAwait(false) is { } retained)
            {
                // Dropped only when the subscriber's queue is full, as any message to it would be.
                session.TryEnqueueApplicationMessage(ForSubscriber(retained, e.TopicFilter.QualityOfServiceLevel), out _);
            }
        }
    }

    /// <summary>The retained message at the lower of its own and the subscription's QoS, flagged retained.</summary>
    private static MqttApplicationMessage ForSubscriber(MqttApplicationMessage retained, MqttQualityOfServiceLevel granted)
    {
        var qos = (MqttQualityOfServiceLevel)Math.Min((int)retained.QualityOfServiceLevel, (int)granted);
        if (qos == retained.QualityOfServiceLevel)
        {
            return retained;
        }

        return new MqttApplicationMessage
        {
            Topic = retained.Topic,
            Payload = retained.Payload,
            QualityOfServiceLevel = qos,
            Retain = true,
            ContentType = retained.ContentType,
            PayloadFormatIndicator = retained.PayloadFormatIndicator,
            UserProperties = retained.UserProperties,
            MessageExpiryInterval = retained.MessageExpiryInterval,
            ResponseTopic = retained.ResponseTopic,
            CorrelationData = retained.CorrelationData,
        };
    }
}
