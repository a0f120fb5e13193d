using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCustoms.Edge.Storage;

namespace SmartCustoms.Edge.Messaging.Tests;

public sealed class MqttConnectionOptionsTests
{
    [Fact]
    public void ClientOptions_UseMqtt5PersistentSession_AndARetainedWillWithoutSeq()
    {
        var options = Options.Create(new MqttOptions
        {
            Host = "broker.lane",
            Port = 8883,
            Site = "pier7",
            Lane = "lane2",
            SessionExpirySeconds = 900,
        });
        using var metrics = new MessagingMetrics(new NoStore());
        using var connection = new MqttConnection(options,
            new EmbeddedMqttBroker(options, NullLogger<EmbeddedMqttBroker>.Instance), TimeProvider.System, metrics,
            NullLogger<MqttConnection>.Instance);

        var client = connection.BuildClientOptions();

        Assert.Equal(MqttProtocolVersion.V500, client.ProtocolVersion);
        Assert.False(client.CleanSession);
        Assert.Equal(900u, client.SessionExpiryInterval);
        Assert.Equal("sc-edge-pier7-lane2", client.ClientId);
        Assert.Equal("sc/v1/pier7/lane2/state", client.WillTopic);
        Assert.True(client.WillRetain);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, client.WillQualityOfServiceLevel);
        Assert.Equal("application/json", client.WillContentType);
        using var will = JsonDocument.Parse(Encoding.UTF8.GetString(client.WillPayload));
        Assert.False(will.RootElement.TryGetProperty("seq", out _));
        Assert.False(will.RootElement.GetProperty("data").GetProperty("online").GetBoolean());
        Assert.Equal("sc.lane.state/1", will.RootElement.GetProperty("schema").GetString());
    }

    /// <summary>The metrics only read counters from the store.</summary>
    private sealed class NoStore : IEventStore
    {
        public string Site => "s";

        public string Lane => "l";

        public long LastSeq => 0;

        public long PendingCount => 0;

        public long StoredBytes => 0;

        public bool IsOverBudget => false;

        public event EventHandler<EventsAppendedEventArgs>? Appended
        {
            add { }
            remove { }
        }

        public Task<StoredEvent> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<StoredEvent>> ReadPendingAsync(int max, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task MarkDeliveredAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long afterSeq, int limit,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> PruneAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
